/// Whether a rule routes events.
public enum RuleState: String, Sendable, Hashable {
    /// The rule routes the events it matches to its targets.
    case enabled = "ENABLED"
    /// The rule routes nothing.
    case disabled = "DISABLED"
}
