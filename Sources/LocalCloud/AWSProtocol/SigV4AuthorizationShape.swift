/// The shape of a SigV4 `Authorization` header, which the local cloud requires but does not verify: it accepts any
/// credentials, as a local cloud should, but a request an AWS SDK did not sign is refused as AWS refuses it.
///
/// `AWS4-HMAC-SHA256 Credential=<key id>/<yyyymmdd>/<region>/<service>/aws4_request, SignedHeaders=<names>,
/// Signature=<64 hex digits>`.
struct SigV4AuthorizationShape: Sendable, Hashable {
    /// The longest header read; a longer one is refused.
    static let maximumLength = 4096

    /// The region of the credential scope.
    let region: String

    /// The shape of `header`, or `nil` when it is not a SigV4 authorization.
    init?(_ header: String) {
        let scheme = "AWS4-HMAC-SHA256 "
        guard header.utf8.count <= Self.maximumLength, header.hasPrefix(scheme) else { return nil }
        var parameters: [Substring: Substring] = [:]
        for part in header.dropFirst(scheme.count).split(separator: ",") {
            let trimmed = part.drop { $0 == " " }
            guard let equals = trimmed.firstIndex(of: "=") else { return nil }
            parameters[trimmed[..<equals]] = trimmed[trimmed.index(after: equals)...]
        }
        guard let credential = parameters["Credential"], let signedHeaders = parameters["SignedHeaders"],
            let signature = parameters["Signature"]
        else { return nil }
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false)
        guard scope.count == 5, !scope[0].isEmpty, scope[1].count == 8, scope[1].allSatisfy(\.isASCIIDigit),
            !scope[2].isEmpty, scope[2].allSatisfy(Self.isRegionCharacter), !scope[3].isEmpty,
            scope[4] == "aws4_request", !signedHeaders.isEmpty,
            signature.count == 64, signature.allSatisfy(\.isHexDigit)
        else { return nil }
        self.region = String(scope[2])
    }

    private static func isRegionCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-")
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { self.isASCII && self.isNumber }
}
