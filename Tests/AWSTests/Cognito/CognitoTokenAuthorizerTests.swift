import AWS
import Cloud
import Foundation
import LocalCloud
import StratusTesting
import Testing

/// The gateway's ``JWTAuthorizer`` accepts the access tokens a Cognito pool (moto) issues once it is given the pool's
/// key set from `/<pool-id>/.well-known/jwks.json`, its issuer and its app client, and refuses a tampered one. The
/// authorizer takes a key set, not a URL: the test fetches the document and builds the authorizer from it, as the
/// gateway would be configured.
@Suite struct CognitoTokenAuthorizerTests {
    @Test func theGatewaysAuthorizerVerifiesMotosAccessTokensThroughThePoolsKeySet() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        let pool = try await MotoUserPool(moto)
        let email = "jwks-\(UInt32.random(in: 0...UInt32.max))@example.com"
        let account = try await pool.provider.signUp(email: email, password: "Jwks-Passw0rd", name: "Ada")
        try await pool.provider.addUser(email: email, toGroup: "admins")
        let tokens = try await pool.provider.signIn(email: email, password: "Jwks-Passw0rd")
        let authorizer = JWTAuthorizer(
            configuration: .init(issuer: pool.issuer, audiences: [pool.clientID]),
            keys: try JSONWebKeySet(json: Data(try await pool.jwks())))
        let now = Int64(Date().timeIntervalSince1970)

        let jwt = try authorizer.authorize(
            authorization: "Bearer \(tokens.accessToken)", requiredScopes: [], nowSeconds: now)
        #expect(jwt.claims["sub"] == account.userID)
        #expect(jwt.claims["cognito:groups"] == "[admins]")

        #expect(throws: JWTValidationError.self, "an id token is not an access token") {
            _ = try authorizer.authorize(authorization: "Bearer \(tokens.idToken)", requiredScopes: [], nowSeconds: now)
        }
        var parts = tokens.accessToken.split(separator: ".").map(String.init)
        parts[1] = parts[1].replacingOccurrences(of: "a", with: "b")
        #expect(throws: JWTValidationError.self, "a changed payload breaks the signature") {
            _ = try authorizer.authorize(
                authorization: "Bearer \(parts.joined(separator: "."))", requiredScopes: [], nowSeconds: now)
        }
        #expect(throws: JWTValidationError.self, "another pool's issuer is refused") {
            _ = try JWTAuthorizer(
                configuration: .init(issuer: pool.issuer + "x", audiences: [pool.clientID]), keys: authorizer.keys
            ).authorize(authorization: "Bearer \(tokens.accessToken)", requiredScopes: [], nowSeconds: now)
        }
    }
}
