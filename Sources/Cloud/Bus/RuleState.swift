/// Whether a rule routes events.
public enum RuleState: String, Sendable, Hashable {
    /// The rule routes the events it matches to its targets.
    case enabled = "ENABLED"
    /// The rule routes nothing.
    case disabled = "DISABLED"
    /// The rule routes the events it matches, and on EventBridge also the read-only management events CloudTrail
    /// delivers (there are none locally, so it routes as ``enabled`` does).
    case enabledWithAllCloudTrailManagementEvents = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"
}
