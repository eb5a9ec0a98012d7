/// Where a dead message stands: still `dead`, or sent back to its source queue (`redriven`).
package enum DeadLetterStatus: String, Codable, Sendable, CaseIterable {
    /// Recorded and not sent back yet.
    case dead
    /// Sent back to its source queue as a new message.
    case redriven
}
