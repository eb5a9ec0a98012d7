/// What `GET /health` answers.
public struct HealthStatus: Codable, Sendable, Equatable {
    /// A check that passed.
    public static let passing = "ok"
    /// A check that failed.
    public static let failing = "unavailable"

    /// `ok` when every check passed, `degraded` otherwise.
    public var status: String
    public var version: String
    public var coldStart: Bool
    /// Each dependency's state: `ok` or `unavailable`.
    public var checks: [String: String]

    public init(status: String, version: String, coldStart: Bool, checks: [String: String]) {
        self.status = status
        self.version = version
        self.coldStart = coldStart
        self.checks = checks
    }
}
