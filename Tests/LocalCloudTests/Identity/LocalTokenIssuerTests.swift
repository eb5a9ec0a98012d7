import Foundation
import LocalCloud
import StratusTesting
import Testing

@Suite struct LocalTokenIssuerTests {
    @Test func itsTokensPassItsAuthorizerAndItsKeyIsKeptPrivatelyAcrossRestarts() throws {
        let directory = try TemporaryDirectory()
        let identity = directory.path("identity")
        let issuer = try LocalTokenIssuer(directory: identity)
        let token = try issuer.accessToken(
            subject: "alice", email: "alice@example.com", groups: ["staff"], scopes: ["orders/write"])
        let now = Int64(Date().timeIntervalSince1970)
        let jwt = try issuer.authorizer.authorize(
            authorization: "Bearer \(token)", requiredScopes: ["orders/write"], nowSeconds: now)
        #expect(jwt.claims["sub"] == "alice")
        #expect(jwt.claims["email"] == "alice@example.com")
        #expect(jwt.claims["cognito:groups"] == "[staff]")
        #expect(jwt.claims["token_use"] == "access")
        #expect(jwt.claims["client_id"] == LocalTokenIssuer.clientID)
        #expect(throws: JWTValidationError.invalidToken("the token has expired")) {
            try issuer.authorizer.authorize(authorization: token, requiredScopes: [], nowSeconds: now + 3601)
        }

        let attributes = try FileManager.default.attributesOfItem(atPath: identity + "/signing-key.pem")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let reloaded = try LocalTokenIssuer(directory: identity)
        #expect(reloaded.keyID == issuer.keyID)
        #expect((try? reloaded.authorizer.authorize(authorization: token, requiredScopes: [], nowSeconds: now)) != nil)

        let published = try JSONWebKeySet(json: try issuer.jwksDocument())
        let viaJWKS = JWTAuthorizer(configuration: issuer.authorizer.configuration, keys: published)
        #expect((try? viaJWKS.authorize(authorization: token, requiredScopes: [], nowSeconds: now)) != nil)

        let stranger = try LocalTokenIssuer(directory: directory.path("other"))
        #expect(throws: JWTValidationError.self) {
            try issuer.authorizer.authorize(
                authorization: try stranger.accessToken(subject: "alice"), requiredScopes: [], nowSeconds: now)
        }
    }
}
