/// How a service wants its requests signed.
public struct SigV4Options: Sendable, Equatable {
    /// What the canonical request states as the payload's hash.
    public enum Payload: Sendable, Equatable {
        /// The SHA-256 of the body, the default.
        case signed
        /// `UNSIGNED-PAYLOAD`, for services that allow it (S3 over HTTPS): the body can be streamed unhashed.
        case unsigned
    }

    /// Whether the path is percent-encoded once more for the canonical request, as every service but S3 expects.
    public var doublesURIEncoding: Bool
    /// Whether `.` and `..` segments and repeated slashes are removed from the path first (every service but S3).
    public var normalizesPath: Bool
    /// Whether the session token is left out of the signature and added afterwards, as some services (IoT) expect.
    public var omitsSessionToken: Bool
    /// Whether the payload hash is also sent as `X-Amz-Content-SHA256` (S3 requires it).
    public var sendsContentHash: Bool
    /// What the payload hash is.
    public var payload: Payload

    /// Options from their parts; the defaults suit every service but S3.
    public init(
        doublesURIEncoding: Bool = true, normalizesPath: Bool = true, omitsSessionToken: Bool = false,
        sendsContentHash: Bool = false, payload: Payload = .signed
    ) {
        self.doublesURIEncoding = doublesURIEncoding
        self.normalizesPath = normalizesPath
        self.omitsSessionToken = omitsSessionToken
        self.sendsContentHash = sendsContentHash
        self.payload = payload
    }

    /// The options the service named `service` (its signing name, e.g. `dynamodb`, `s3`) expects.
    public static func forService(_ service: String) -> SigV4Options {
        service == "s3"
            ? SigV4Options(doublesURIEncoding: false, normalizesPath: false, sendsContentHash: true, payload: .unsigned)
            : SigV4Options()
    }
}
