import Cloud
import Crypto
import Foundation
import HTTPTypes
import Hashing
import LambdaEvents
import LambdaRuntime
import LocalCloud
import Testing
import _CryptoExtras

/// Signs tokens the way an issuer does, for the authorizer to judge.
struct TokenIssuer {
    static let key = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    static let otherKey = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    static let issuer = "http://127.0.0.1:3000/identity"
    static let clientID = "stratus-web"

    static func token(
        _ overrides: [String: Any?] = [:],
        header: [String: Any] = ["alg": "RS256", "kid": "k1", "typ": "JWT"],
        signedWith key: _RSA.Signing.PrivateKey = Self.key
    ) throws -> String {
        let now = Int(Date().timeIntervalSince1970)
        var claims: [String: Any] = [
            "sub": "alice", "iss": Self.issuer, "client_id": Self.clientID, "token_use": "access",
            "exp": now + 300, "iat": now - 5, "scope": "orders/read orders/write", "cognito:groups": ["staff", "beta"],
        ]
        for (name, value) in overrides { claims[name] = value }
        let signingInput = try Self.encode(header) + "." + Self.encode(claims)
        let signature = try key.signature(for: SHA256.hash(data: Data(signingInput.utf8)), padding: .insecurePKCS1v1_5)
        return signingInput + "." + Self.base64URL(signature.rawRepresentation)
    }

    static func encode(_ object: [String: Any]) throws -> String {
        Self.base64URL(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static let authorizer = JWTAuthorizer(
        configuration: .init(issuer: Self.issuer, audiences: [Self.clientID]),
        keys: JSONWebKeySet(keys: ["k1": Self.key.publicKey])
    )
}

@Suite("JWT authorizer of the gateway")
struct JWTAuthorizerTests {
    static let manifest = AppManifest("authorizer-fixture", version: "test") {
        Function("me") { _ in GatewayFixture.Describe() }.http("GET /me", authorization: .jwt())
        Function("admin") { _ in GatewayFixture.Describe() }.http(
            "GET /admin", authorization: .jwt(scopes: ["orders/admin"]))
        Function("open") { _ in GatewayFixture.Describe() }.http("GET /open")
    }

    static let gateway = APIGateway(
        manifest: manifest, ports: .unconfigured("no store"), logSink: InMemoryLogSink(),
        authorizer: TokenIssuer.authorizer
    )

    static func get(_ path: String, authorization: String?) async -> GatewayResponse {
        await Self.gateway.handle(
            GatewayRequest(
                method: .get, path: path, headers: authorization.map { [.authorization: $0] } ?? [:]
            ))
    }

    @Test func aValidTokenReachesTheFunctionWithItsClaimsAsStrings() async throws {
        let response = await Self.get("/me", authorization: "Bearer " + (try TokenIssuer.token()))
        #expect(response.status == 200)
        let event = try JSONDecoder().decode(APIGatewayV2Request.self, from: Data(response.body))
        let jwt = try #require(event.requestContext.authorizer?.jwt)
        #expect(jwt.claims["sub"] == "alice")
        #expect(jwt.claims["cognito:groups"] == "[staff beta]")
        #expect(jwt.claims["exp"]?.allSatisfy(\.isNumber) == true)
        #expect(jwt.scopes == ["orders/read", "orders/write"])
        let open = await Self.get("/open", authorization: nil)
        #expect(open.status == 200, "routes without authorization need no token")
    }

    @Test(arguments: [
        ("missing", nil as String?),
        ("empty bearer", "Bearer "),
        ("garbage", "Bearer not.a.token"),
        ("two parts", "Bearer abc.def"),
    ])
    func missingOrMalformedTokensAre401(_ name: String, _ header: String?) async throws {
        let response = await Self.get("/me", authorization: header)
        #expect(response.status == 401, "\(name)")
        #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
        #expect(response.headers[.contentType] == "application/problem+json")
    }

    @Test func twoAuthorizationHeadersAre401EvenWhenEachHoldsAValidToken() async throws {
        let header = "Bearer " + (try TokenIssuer.token())
        var headers = HTTPFields()
        headers.append(HTTPField(name: .authorization, value: header))
        headers.append(HTTPField(name: .authorization, value: header))
        let response = await Self.gateway.handle(GatewayRequest(method: .get, path: "/me", headers: headers))
        #expect(response.status == 401, "the gateway reads repeated headers joined, as API Gateway does")
        #expect(await Self.get("/me", authorization: header).status == 200)
    }

    @Test func everyBrokenClaimOrSignatureIs401() async throws {
        let now = Int(Date().timeIntervalSince1970)
        let forged: [(String, String)] = [
            ("alg none", try TokenIssuer.token(header: ["alg": "none", "kid": "k1"])),
            ("HS256", try TokenIssuer.token(header: ["alg": "HS256", "kid": "k1"])),
            ("unknown kid", try TokenIssuer.token(header: ["alg": "RS256", "kid": "k2"])),
            ("another key", try TokenIssuer.token(signedWith: TokenIssuer.otherKey)),
            ("expired", try TokenIssuer.token(["exp": now - 1])),
            ("no expiry", try TokenIssuer.token(["exp": nil])),
            ("not yet valid", try TokenIssuer.token(["nbf": now + 600])),
            ("issued in the future", try TokenIssuer.token(["iat": now + 600])),
            ("wrong issuer", try TokenIssuer.token(["iss": "https://evil.example"])),
            ("wrong client", try TokenIssuer.token(["client_id": "other-app"])),
            ("wrong audience wins over client_id", try TokenIssuer.token(["aud": "other-app"])),
            ("id token", try TokenIssuer.token(["token_use": "id"])),
            ("no token_use", try TokenIssuer.token(["token_use": nil])),
            ("critical extension", try TokenIssuer.token(header: ["alg": "RS256", "kid": "k1", "crit": ["exp2"]])),
            ("no subject", try TokenIssuer.token(["sub": nil])),
            ("empty subject", try TokenIssuer.token(["sub": ""])),
            ("subject a list", try TokenIssuer.token(["sub": ["alice", "bob"]])),
            ("subject a number", try TokenIssuer.token(["sub": 7])),
            ("subject with NUL", try TokenIssuer.token(["sub": "alice\u{0}"])),
            ("subject of 257 bytes", try TokenIssuer.token(["sub": String(repeating: "a", count: 257)])),
        ]
        for (name, token) in forged {
            let response = await Self.get("/me", authorization: "Bearer " + token)
            #expect(response.status == 401, "\(name)")
            #expect(response.headers[.wwwAuthenticate]?.contains(#"error="invalid_token""#) == true, "\(name)")
        }
        var tampered = try TokenIssuer.token()
        tampered = tampered.replacingOccurrences(of: ".", with: ".e", options: [], range: tampered.range(of: "."))
        #expect(await Self.get("/me", authorization: "Bearer " + tampered).status == 401)
        let audience = await Self.get(
            "/me", authorization: "Bearer " + (try TokenIssuer.token(["aud": TokenIssuer.clientID, "client_id": nil])))
        #expect(audience.status == 200, "aud naming the client is accepted")
        let raw = await Self.get("/me", authorization: try TokenIssuer.token())
        #expect(raw.status == 200, "a raw token without 'Bearer' is read too")
    }

    @Test func aTokenWithoutTheRoutesScopeIs403() async throws {
        let refused = await Self.get("/admin", authorization: "Bearer " + (try TokenIssuer.token()))
        #expect(refused.status == 403)
        #expect(refused.headers[.wwwAuthenticate]?.contains(#"error="insufficient_scope""#) == true)
        let allowed = await Self.get(
            "/admin", authorization: "Bearer " + (try TokenIssuer.token(["scope": "orders/admin"])))
        #expect(allowed.status == 200)
    }

    @Test func withoutAnAuthorizerRoutesThatNeedATokenAreRefused() async throws {
        let gateway = APIGateway(manifest: Self.manifest, ports: .unconfigured("no store"), logSink: InMemoryLogSink())
        let response = await gateway.handle(
            GatewayRequest(
                method: .get, path: "/me",
                headers: [.authorization: "Bearer " + (try TokenIssuer.token())]))
        #expect(response.status == 401)
    }

    @Test func aKeySetIsReadFromItsJWKSDocument() throws {
        let primitives = try TokenIssuer.key.publicKey.getKeyPrimitives()
        let document =
            #"{"keys":[{"kty":"RSA","kid":"k1","use":"sig","alg":"RS256","n":"\#(TokenIssuer.base64URL(primitives.modulus))","e":"\#(TokenIssuer.base64URL(primitives.publicExponent))"},{"kty":"EC","kid":"e1"}]}"#
        let keys = try JSONWebKeySet(json: Data(document.utf8))
        let authorizer = JWTAuthorizer(configuration: TokenIssuer.authorizer.configuration, keys: keys)
        let jwt = try authorizer.authorize(
            authorization: "Bearer " + (try TokenIssuer.token()), requiredScopes: [],
            nowSeconds: Int64(Date().timeIntervalSince1970))
        #expect(jwt.claims["sub"] == "alice")
    }
}
