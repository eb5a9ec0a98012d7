import AWS
import Foundation
import StratusTesting
import Testing

/// The 38 cases of the AWS Common Runtime's signing suite: each canonical request, string to sign, signature and
/// signed request, in the `Authorization` header and in a presigned query.
@Suite struct SigV4ConformanceTests {
    @Test func theSuiteIsPresent() throws {
        guard SigV4TestVector.directory != nil else {
            if TestEnvironment.isCI {
                Issue.record("../shared/conformance/sigv4 is missing: CI must check it out beside the project")
            }
            return
        }
        #expect(SigV4TestVector.names.count == 38)
    }

    @Test(arguments: SigV4TestVector.names)
    func headerSigning(_ name: String) throws {
        let vector = try SigV4TestVector(name: name)
        let signer = SigV4Signer(
            credentials: vector.credentials, region: vector.region, service: vector.service, options: vector.options)
        var request = vector.request
        let signature = signer.signHeaders(&request, at: vector.time)
        #expect(signature.canonicalRequest == (try vector.expected("header-canonical-request.txt")))
        #expect(signature.stringToSign == (try vector.expected("header-string-to-sign.txt")))
        #expect(signature.signature == (try vector.expected("header-signature.txt")))
        let expected = try SigV4TestVector.parseRequest(try #require(try vector.expected("header-signed-request.txt")))
        #expect(request.values(of: "Authorization") == expected.values(of: "Authorization"))
        #expect(Self.headerSet(request) == Self.headerSet(expected))
    }

    @Test(arguments: SigV4TestVector.names)
    func presigning(_ name: String) throws {
        let vector = try SigV4TestVector(name: name)
        guard let expectedCanonical = try vector.expected("query-canonical-request.txt") else { return }
        let signer = SigV4Signer(
            credentials: vector.credentials, region: vector.region, service: vector.service, options: vector.options)
        var request = vector.request
        let signature = signer.presign(&request, at: vector.time, expiresIn: vector.expiresIn)
        #expect(signature.canonicalRequest == expectedCanonical)
        #expect(signature.stringToSign == (try vector.expected("query-string-to-sign.txt")))
        #expect(signature.signature == (try vector.expected("query-signature.txt")))
        let expected = try SigV4TestVector.parseRequest(try #require(try vector.expected("query-signed-request.txt")))
        #expect(Set(request.query.split(separator: "&")) == Set(expected.query.split(separator: "&")))
        #expect(request.path == expected.path)
    }

    /// Headers as lower-case name and value pairs, order aside.
    private static func headerSet(_ request: SigV4Request) -> Set<String> {
        Set(request.headers.map { "\($0.name.lowercased()):\($0.value)" })
    }
}
