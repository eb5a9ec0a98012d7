public import Foundation
import LambdaEvents
public import _CryptoExtras

/// The RSA public keys an issuer signs tokens with, by key id (`kid`), as a JWKS document lists them.
public struct JSONWebKeySet: Sendable {
    let keys: [String: _RSA.Signing.PublicKey]

    /// The keys of a JWKS document (`{"keys":[{"kty":"RSA","kid":…,"n":…,"e":…}]}`); keys that are not RSA
    /// signing keys are left out, as API Gateway supports RSA only.
    public init(json: Data) throws {
        struct Document: Decodable {
            struct Key: Decodable {
                var kty: String
                var kid: String?
                var use: String?
                var n: String?
                var e: String?
            }
            var keys: [Key]
        }
        var keys: [String: _RSA.Signing.PublicKey] = [:]
        for key in try JSONDecoder().decode(Document.self, from: json).keys
        where key.kty == "RSA" && (key.use ?? "sig") == "sig" {
            guard let kid = key.kid, let n = key.n.flatMap({ Base64.decode($0, .url) }),
                let e = key.e.flatMap({ Base64.decode($0, .url) })
            else { continue }
            keys[kid] = try _RSA.Signing.PublicKey(n: n, e: e)
        }
        self.keys = keys
    }

    /// A key set of the given keys.
    public init(keys: [String: _RSA.Signing.PublicKey]) {
        self.keys = keys
    }
}
