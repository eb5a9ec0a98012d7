import Hashing

/// An access key pair, with the session token and expiry that temporary credentials carry. Its `description` never
/// shows the secret key or the token, and equality compares them in constant time.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible {
    /// The access key id (`AKIA…` for long-term keys, `ASIA…` for temporary ones).
    public let accessKeyID: String
    /// The secret access key; it signs requests and is never sent.
    public let secretAccessKey: String
    /// The session token of temporary credentials, sent as `X-Amz-Security-Token`.
    public let sessionToken: String?
    /// When temporary credentials stop working, in milliseconds since the Unix epoch; `nil` for ones that do not expire.
    public let expirationMilliseconds: Int64?

    /// Credentials from their parts.
    public init(
        accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expirationMilliseconds: Int64? = nil
    ) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expirationMilliseconds = expirationMilliseconds
    }

    /// Whether both hold the same key id, secret, token and expiry; the secret and the token are compared in constant
    /// time.
    public static func == (lhs: AWSCredentials, rhs: AWSCredentials) -> Bool {
        let sameSecret = ConstantTime.equal(Array(lhs.secretAccessKey.utf8), Array(rhs.secretAccessKey.utf8))
        let sameToken = ConstantTime.equal(Array((lhs.sessionToken ?? "").utf8), Array((rhs.sessionToken ?? "").utf8))
        return lhs.accessKeyID == rhs.accessKeyID && sameSecret && sameToken
            && (lhs.sessionToken == nil) == (rhs.sessionToken == nil)
            && lhs.expirationMilliseconds == rhs.expirationMilliseconds
    }

    /// The access key id and expiry only; the secret and the token are redacted.
    public var description: String {
        let token = self.sessionToken == nil ? "" : ", sessionToken: <redacted>"
        let expiry = self.expirationMilliseconds.map { ", expires: \(AWSTimestamp(milliseconds: $0).iso8601)" } ?? ""
        return "AWSCredentials(accessKeyID: \(self.accessKeyID), secretAccessKey: <redacted>\(token)\(expiry))"
    }
}
