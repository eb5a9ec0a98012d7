/// The event an EventBridge schedule rule (`rate(...)` or `cron(...)`) sends: source `aws.events`,
/// detail-type `Scheduled Event`, the rule's ARN in `resources` and an empty `detail`.
public typealias ScheduledEvent = EventBridgeEvent<ScheduledEventDetail>

/// The empty `detail` object of a scheduled event.
public struct ScheduledEventDetail: Codable, Sendable, Equatable {
    /// Creates the empty detail.
    public init() {}
}
