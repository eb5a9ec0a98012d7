import Hashing
import Synchronization

/// The SigV4 signing key a client derived last, kept for its next requests: the key depends only on the secret
/// access key, the day, the region and the service, and deriving it takes four of a signature's five HMACs. A client
/// calls one service in one region, so the latest key is the only one worth keeping; it is derived again when the
/// day or the credentials change.
public final class SigV4SigningKeys: Sendable {
    /// What a signing key is derived from.
    private struct Scope: Equatable {
        let secretAccessKey: String
        let date: String
        let region: String
        let service: String
    }

    private let latest = Mutex<(scope: Scope, key: HMACSHA256)?>(nil)

    /// An empty store of signing keys.
    public init() {}

    /// The signing key of `secretAccessKey` on `date` (`YYYYMMDD`) for `service` in `region`, ready to sign with.
    func key(secretAccessKey: String, date: String, region: String, service: String) -> HMACSHA256 {
        let scope = Scope(secretAccessKey: secretAccessKey, date: date, region: region, service: service)
        let kept = self.latest.withLock { latest in latest?.scope == scope ? latest?.key : nil }
        if let kept { return kept }
        let key = Self.derive(scope)
        self.latest.withLock { $0 = (scope, key) }
        return key
    }

    /// `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
    private static func derive(_ scope: Scope) -> HMACSHA256 {
        var key = Array("AWS4\(scope.secretAccessKey)".utf8)
        for part in [scope.date, scope.region, scope.service, "aws4_request"] {
            key = HMACSHA256.authenticationCode(for: part.utf8, key: key)
        }
        return HMACSHA256(key: key)
    }
}
