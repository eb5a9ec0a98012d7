public import Cloud
import Crypto
public import Foundation
import Hashing
import Identifiers
import LambdaEvents
import _CryptoExtras

/// The local cloud's token issuer: one RSA key kept in the data directory (created on first use, readable by its
/// owner only), access and id tokens signed RS256 with Cognito's claims, the key set as a JWKS document, and the gateway
/// authorizer that trusts exactly this issuer.
public struct LocalTokenIssuer: Sendable {
    /// The `iss` of every local token.
    public static let issuer = "stratus-local-identity"
    /// The local app client, the tokens' `client_id`.
    public static let clientID = "stratus-local"

    private let key: _RSA.Signing.PrivateKey
    /// The key's id (`kid`): derived from its public part, so it changes only with the key.
    public let keyID: String
    /// The time tokens are issued at.
    private let clock: any Clock

    /// Loads the key from `directory`, creating the directory and the key when they do not exist; tokens are issued
    /// at `clock`'s time.
    public init(directory: String, clock: any Clock = SystemClock()) throws {
        self.clock = clock
        let path = URL(fileURLWithPath: directory).appendingPathComponent("signing-key.pem").path
        let manager = FileManager.default
        if let pem = manager.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) {
            self.key = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        } else {
            try manager.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            self.key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            guard
                manager.createFile(
                    atPath: path, contents: Data(self.key.pemRepresentation.utf8),
                    attributes: [.posixPermissions: 0o600])
            else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        }
        let modulus = try self.key.publicKey.getKeyPrimitives().modulus
        self.keyID = String(Base64.encode(SHA256.hash(data: modulus), .url).prefix(16))
    }

    /// An access token for `subject`, valid for `lifetime`, with Cognito's claims.
    public func accessToken(
        subject: String,
        email: String? = nil,
        groups: [String] = [],
        scopes: [String] = [],
        lifetime: Duration = .seconds(3600)
    ) throws -> String {
        var claims: [String: any Sendable] = ["client_id": Self.clientID, "token_use": "access", "username": subject]
        claims["email"] = email
        if !groups.isEmpty { claims["cognito:groups"] = groups }
        if !scopes.isEmpty { claims["scope"] = scopes.joined(separator: " ") }
        return try self.sign(subject: subject, claims: claims, lifetime: lifetime)
    }

    /// An id token for `subject`, for the app client (`aud`), with the user's attributes as Cognito puts them.
    public func idToken(
        subject: String,
        email: String,
        name: String,
        groups: [String] = [],
        lifetime: Duration = .seconds(3600)
    ) throws -> String {
        var claims: [String: any Sendable] = [
            "aud": Self.clientID, "token_use": "id", "cognito:username": subject,
            "email": email, "email_verified": false, "name": name,
        ]
        if !groups.isEmpty { claims["cognito:groups"] = groups }
        return try self.sign(subject: subject, claims: claims, lifetime: lifetime)
    }

    /// A JWT signed RS256 with this issuer's key: `claims` plus `sub`, `iss`, `iat`, `nbf`, `exp` and a fresh `jti`.
    private func sign(subject: String, claims: [String: any Sendable], lifetime: Duration) throws -> String {
        let now = self.clock.nowSeconds
        var claims = claims
        claims["sub"] = subject
        claims["iss"] = Self.issuer
        claims["iat"] = now
        claims["nbf"] = now
        claims["exp"] = now + lifetime.components.seconds
        claims["jti"] = RandomUUID.make()
        let header = try JSONSerialization.data(
            withJSONObject: ["alg": "RS256", "kid": self.keyID, "typ": "JWT"], options: [.sortedKeys])
        let payload = try JSONSerialization.data(
            withJSONObject: claims, options: [.sortedKeys, .withoutEscapingSlashes])
        let signingInput = Base64.encode(header, .url) + "." + Base64.encode(payload, .url)
        let signature = try self.key.signature(
            for: SHA256.hash(data: Data(signingInput.utf8)), padding: .insecurePKCS1v1_5)
        return signingInput + "." + Base64.encode(signature.rawRepresentation, .url)
    }

    /// The public key set, as `GET /.well-known/jwks.json` publishes it.
    public func jwksDocument() throws -> Data {
        let primitives = try self.key.publicKey.getKeyPrimitives()
        let document = [
            "keys": [
                [
                    "kty": "RSA", "kid": self.keyID, "use": "sig", "alg": "RS256",
                    "n": Base64.encode(primitives.modulus, .url), "e": Base64.encode(primitives.publicExponent, .url),
                ]
            ]
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
    }

    /// The gateway authorizer that accepts this issuer's access tokens.
    public var authorizer: JWTAuthorizer {
        JWTAuthorizer(
            configuration: .init(issuer: Self.issuer, audiences: [Self.clientID]),
            keys: JSONWebKeySet(keys: [self.keyID: self.key.publicKey])
        )
    }
}
