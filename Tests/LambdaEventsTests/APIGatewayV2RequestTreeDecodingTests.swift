import Foundation
import LambdaEvents
import PropertyBased
import Testing

/// The request read from a parsed tree (what the runtime does on every invocation) must be the request JSONDecoder
/// reads, and must fail where JSONDecoder fails.
@Suite("API Gateway HTTP API request read from a JSON tree")
struct APIGatewayV2RequestTreeDecodingTests {
    private static func treeDecoded(_ json: some Sequence<UInt8>) throws -> APIGatewayV2Request {
        try APIGatewayV2Request(jsonBytes: Array(json))
    }

    @Test func theDocumentedFixtureReadsAsJSONDecoderReadsIt() throws {
        let json = Data(APIGatewayV2RequestTests.fullRequest.utf8)
        let expected = try JSONDecoder().decode(APIGatewayV2Request.self, from: json)
        #expect(try Self.treeDecoded(json) == expected)
    }

    @Test func theBenchmarkEventReadsAsJSONDecoderReadsIt() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/events/health-apigateway.json")
        let json = try Data(contentsOf: file)
        let expected = try JSONDecoder().decode(APIGatewayV2Request.self, from: json)
        let decoded = try Self.treeDecoded(json)
        #expect(decoded == expected)
        #expect(decoded.headers["x-correlation-id"] == "3f1c2b9e-8d7a-4e61-9b0c-5a4d3e2f1a0b")
    }

    @Test func generatedRequestsReadAsJSONDecoderReadsThem() async throws {
        let encoder = JSONEncoder()
        await propertyCheck(count: 300, input: RequestGenerators.request) { request in
            let json = try encoder.encode(request)
            #expect(try Self.treeDecoded(json) == request)
            #expect(try Self.treeDecoded(json) == JSONDecoder().decode(APIGatewayV2Request.self, from: json))
            #expect(APIGatewayV2Request.read(straightFrom: Array(json)) == request, "read without the tree")
        }
    }

    /// `init(jsonBytes:)` reads a well-formed request straight from its text, without a tree: the benchmark's event
    /// and the documented fixture are read so, to the request JSONDecoder reads.
    @Test func wellFormedRequestsAreReadWithoutTheTree() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/events/health-apigateway.json")
        for json in [try Data(contentsOf: file), Data(APIGatewayV2RequestTests.fullRequest.utf8)] {
            let expected = try JSONDecoder().decode(APIGatewayV2Request.self, from: json)
            #expect(APIGatewayV2Request.read(straightFrom: Array(json)) == expected)
        }
        // What only the tree's reading can name is left to it.
        #expect(APIGatewayV2Request.read(straightFrom: Array(#"{"version":"2.0","routeKey":"$default"}"#.utf8)) == nil)
        #expect(APIGatewayV2Request.read(straightFrom: Array(#"{"version":2}"#.utf8)) == nil)
        #expect(APIGatewayV2Request.read(straightFrom: Array("{} trailing".utf8)) == nil)
    }

    /// Member names are matched by their bytes when they are plain ASCII; one written with escapes, or a map's
    /// name in UTF-8, still reads as JSONDecoder reads it, without the tree; a name that is not UTF-8 is left to the
    /// tree's reading, which refuses it.
    @Test func escapedAndNonASCIIMemberNamesReadAsJSONDecoderReadsThem() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/events/health-apigateway.json")
        let original = try String(contentsOf: file, encoding: .utf8)
        let renamed = original.replacingOccurrences(of: #""version""#, with: #""\u0076ersion""#)
            .replacingOccurrences(of: #""headers": {"#, with: #""headers": {"x-\u00e9t\u00e9": "1", "café": "2", "#)
        #expect(renamed != original)
        let json = Data(renamed.utf8)
        let expected = try JSONDecoder().decode(APIGatewayV2Request.self, from: json)
        #expect(expected.version == "2.0" && expected.headers["x-été"] == "1" && expected.headers["café"] == "2")
        #expect(APIGatewayV2Request.read(straightFrom: Array(json)) == expected)

        var broken = Array(original.replacingOccurrences(of: #""headers": {"#, with: #""headers": {"x-?": "1", "#).utf8)
        broken[broken.firstIndex(of: UInt8(ascii: "?"))!] = 0xFF
        #expect(APIGatewayV2Request.read(straightFrom: broken) == nil)
        #expect(throws: EventDecodingError.self) { try APIGatewayV2Request(jsonBytes: broken) }
    }

    /// An unknown member nested past the parser's limit of 128 levels is refused both ways, as text that is not
    /// JSON; one within the limit is read both ways alike.
    @Test func nestingIsLimitedAsTheTreeLimitsIt() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/events/health-apigateway.json")
        let event = try Data(contentsOf: file)
        func nested(_ depth: Int) -> [UInt8] {
            Array(#"{"extra":"#.utf8) + Array(repeating: UInt8(ascii: "["), count: depth)
                + Array(repeating: UInt8(ascii: "]"), count: depth) + [UInt8(ascii: ",")] + Array(event.dropFirst())
        }
        let deep = nested(200)
        #expect(APIGatewayV2Request.read(straightFrom: deep) == nil)
        #expect(throws: EventDecodingError(.notJSON, path: "")) { try APIGatewayV2Request(jsonBytes: deep) }
        // At the limit exactly: 127 brackets inside the request's object are the deepest value both accept.
        #expect(APIGatewayV2Request.read(straightFrom: nested(128)) == nil)
        #expect(throws: EventDecodingError(.notJSON, path: "")) { try APIGatewayV2Request(jsonBytes: nested(128)) }
        #expect(APIGatewayV2Request.read(straightFrom: nested(127)) != nil)
        // One object deeper (inside requestContext), one bracket fewer.
        let text = String(decoding: event, as: UTF8.self)
        func nestedInContext(_ depth: Int) -> [UInt8] {
            let member =
                #""extra":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + ","
            return Array(
                text.replacingOccurrences(of: #""requestContext": {"#, with: #""requestContext": {"# + member).utf8)
        }
        #expect(APIGatewayV2Request.read(straightFrom: nestedInContext(127)) == nil)
        #expect(throws: EventDecodingError(.notJSON, path: "")) {
            try APIGatewayV2Request(jsonBytes: nestedInContext(127))
        }
        #expect(APIGatewayV2Request.read(straightFrom: nestedInContext(126)) != nil)
        let shallow = nested(127)
        let expected = try JSONDecoder().decode(APIGatewayV2Request.self, from: Data(shallow))
        #expect(APIGatewayV2Request.read(straightFrom: shallow) == expected)
        #expect(try APIGatewayV2Request(jsonBytes: shallow) == expected)
    }

    /// Each member removed, set to `null` or given another JSON type: both readers accept or refuse alike, and agree
    /// on what they accept.
    @Test func damagedRequestsAreRefusedWhereJSONDecoderRefusesThem() async throws {
        let encoder = JSONEncoder()
        await propertyCheck(count: 300, input: RequestGenerators.request, RequestGenerators.damage) { request, damage in
            let original = try JSONDecoder().decode(JSONValue.self, from: encoder.encode(request))
            let damaged = try encoder.encode(damage.apply(to: original))
            let expected = try? JSONDecoder().decode(APIGatewayV2Request.self, from: damaged)
            let decoded = try? Self.treeDecoded(damaged)
            #expect(decoded == expected, "\(damage)")
            // Read without the tree, a damaged request is either refused (and left to the tree) or read alike.
            let straight = APIGatewayV2Request.read(straightFrom: Array(damaged))
            #expect(straight == nil || straight == expected, "\(damage)")
        }
    }

    @Test func errorsNameTheMemberAtFault() {
        #expect(throws: EventDecodingError(.notJSON, path: "")) { try Self.treeDecoded("{".utf8) }
        #expect(throws: EventDecodingError(.missingMember, path: "requestContext")) {
            try Self.treeDecoded(#"{"version":"2.0","routeKey":"$default","rawPath":"/"}"#.utf8)
        }
        #expect(throws: EventDecodingError(.wrongType, path: "headers.accept")) {
            try Self.treeDecoded(#"{"version":"2.0","routeKey":"$default","rawPath":"/","headers":{"accept":1}}"#.utf8)
        }
        #expect(throws: EventDecodingError(.wrongType, path: "")) { try Self.treeDecoded("[]".utf8) }
    }
}

/// Generated requests with every optional part present or absent, and damage done to one member of their JSON.
enum RequestGenerators {
    static let request = Generator<APIGatewayV2Request, Shrink.None<APIGatewayV2Request>> { rng in
        RequestGenerators.request(using: &rng)
    }

    static let damage = Generator<Damage, Shrink.None<Damage>> { rng in
        Damage(
            path: (0..<Int.random(in: 1...3, using: &rng)).map { _ in Int.random(in: 0..<64, using: &rng) },
            kind: Damage.Kind.allCases.randomElement(using: &rng)!)
    }

    /// One member of a JSON tree, found by indexes into the sorted member names at each level, removed, set to
    /// `null` or replaced by a value of another type.
    struct Damage: CustomStringConvertible {
        enum Kind: CaseIterable { case remove, null, number, string, array }
        var path: [Int]
        var kind: Kind

        var description: String { "\(self.kind) at \(self.path)" }

        func apply(to value: JSONValue) -> JSONValue {
            self.apply(to: value, depth: 0)
        }

        private func apply(to value: JSONValue, depth: Int) -> JSONValue {
            guard case .object(var members) = value, !members.isEmpty else { return value }
            let name = members.keys.sorted()[self.path[depth] % members.count]
            if depth + 1 < self.path.count, case .object = members[name] {
                members[name] = self.apply(to: members[name]!, depth: depth + 1)
                return .object(members)
            }
            switch self.kind {
            case .remove: members[name] = nil
            case .null: members[name] = .null
            case .number: members[name] = .integer(7)
            case .string: members[name] = .string("x")
            case .array: members[name] = .array([.string("x")])
            }
            return .object(members)
        }
    }

    private static func text(using rng: inout some RandomNumberGenerator) -> String {
        let scalars: [Unicode.Scalar] = ["a", "Z", "0", " ", "/", "\"", "\\", "\n", "\u{01}", "é", "€", "😀", "$", "{"]
        return String(
            String.UnicodeScalarView(
                (0..<Int.random(in: 0...12, using: &rng)).map { _ in
                    scalars.randomElement(using: &rng)!
                }))
    }

    private static func strings(using rng: inout some RandomNumberGenerator) -> [String] {
        (0..<Int.random(in: 0...3, using: &rng)).map { _ in text(using: &rng) }
    }

    private static func stringMap(using rng: inout some RandomNumberGenerator) -> [String: String] {
        var map: [String: String] = [:]
        for _ in 0..<Int.random(in: 0...4, using: &rng) { map[text(using: &rng)] = text(using: &rng) }
        return map
    }

    private static func value(depth: Int, using rng: inout some RandomNumberGenerator) -> JSONValue {
        switch Int.random(in: 0..<(depth < 2 ? 6 : 4), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .integer(Int64.random(in: .min ... .max, using: &rng))
        case 3: return .string(text(using: &rng))
        case 4:
            return .array((0..<Int.random(in: 0...3, using: &rng)).map { _ in value(depth: depth + 1, using: &rng) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                members[text(using: &rng)] = value(depth: depth + 1, using: &rng)
            }
            return .object(members)
        }
    }

    private static func authorizer(using rng: inout some RandomNumberGenerator) -> APIGatewayV2Request.Authorizer {
        var lambda: [String: JSONValue] = [:]
        for _ in 0..<Int.random(in: 0...3, using: &rng) { lambda[text(using: &rng)] = value(depth: 0, using: &rng) }
        let identity = APIGatewayV2Request.IAM.CognitoIdentity(
            amr: strings(using: &rng), identityId: text(using: &rng), identityPoolId: text(using: &rng))
        return APIGatewayV2Request.Authorizer(
            jwt: Bool.random(using: &rng)
                ? APIGatewayV2Request.JWT(
                    claims: stringMap(using: &rng), scopes: Bool.random(using: &rng) ? strings(using: &rng) : nil)
                : nil,
            lambda: Bool.random(using: &rng) ? lambda : nil,
            iam: Bool.random(using: &rng)
                ? APIGatewayV2Request.IAM(
                    accessKey: Bool.random(using: &rng) ? text(using: &rng) : nil,
                    accountId: Bool.random(using: &rng) ? text(using: &rng) : nil,
                    callerId: Bool.random(using: &rng) ? text(using: &rng) : nil,
                    cognitoIdentity: Bool.random(using: &rng) ? identity : nil,
                    principalOrgId: Bool.random(using: &rng) ? text(using: &rng) : nil,
                    userArn: Bool.random(using: &rng) ? text(using: &rng) : nil,
                    userId: Bool.random(using: &rng) ? text(using: &rng) : nil)
                : nil)
    }

    private static func certificate(using rng: inout some RandomNumberGenerator) -> APIGatewayV2Request.Authentication {
        APIGatewayV2Request.Authentication(
            clientCert: APIGatewayV2Request.ClientCertificate(
                clientCertPem: text(using: &rng), subjectDN: text(using: &rng), issuerDN: text(using: &rng),
                serialNumber: text(using: &rng),
                validity: .init(notBefore: text(using: &rng), notAfter: text(using: &rng))))
    }

    static func request(using rng: inout some RandomNumberGenerator) -> APIGatewayV2Request {
        let context = APIGatewayV2Request.RequestContext(
            accountId: text(using: &rng), apiId: text(using: &rng),
            authentication: Bool.random(using: &rng) ? certificate(using: &rng) : nil,
            authorizer: Bool.random(using: &rng) ? authorizer(using: &rng) : nil,
            domainName: text(using: &rng), domainPrefix: text(using: &rng),
            http: APIGatewayV2Request.HTTP(
                method: text(using: &rng), path: text(using: &rng), protocol: text(using: &rng),
                sourceIp: text(using: &rng), userAgent: text(using: &rng)),
            requestId: text(using: &rng), routeKey: text(using: &rng), stage: text(using: &rng),
            time: text(using: &rng), timeEpoch: Int64.random(in: .min ... .max, using: &rng))
        return APIGatewayV2Request(
            version: text(using: &rng), routeKey: text(using: &rng), rawPath: text(using: &rng),
            rawQueryString: text(using: &rng),
            cookies: Bool.random(using: &rng) ? strings(using: &rng) : nil,
            headers: .init(stringMap(using: &rng)),
            queryStringParameters: Bool.random(using: &rng) ? stringMap(using: &rng) : nil,
            pathParameters: Bool.random(using: &rng) ? stringMap(using: &rng) : nil,
            stageVariables: Bool.random(using: &rng) ? stringMap(using: &rng) : nil,
            requestContext: context,
            body: Bool.random(using: &rng) ? text(using: &rng) : nil,
            isBase64Encoded: Bool.random(using: &rng))
    }
}
