/// What `GET /health` answers.
package struct HealthStatus: Codable, Sendable, Equatable {
    /// A check that passed.
    package static let passing = "ok"
    /// A check that failed.
    package static let failing = "unavailable"

    /// `ok` when every check passed, `degraded` otherwise.
    package var status: String
    package var version: String
    package var coldStart: Bool
    /// Each dependency's state: `ok` or `unavailable`.
    package var checks: [String: String]

    package init(status: String, version: String, coldStart: Bool, checks: [String: String]) {
        self.status = status
        self.version = version
        self.coldStart = coldStart
        self.checks = checks
    }
}
