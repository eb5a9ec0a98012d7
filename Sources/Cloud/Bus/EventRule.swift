/// A rule on a bus: the events its pattern matches go to its targets while it is enabled.
public struct EventRule: Sendable, Hashable {
    /// The rule's name, unique on its bus.
    public var name: String
    /// The bus the rule is on.
    public var eventBusName: String
    /// The event pattern, JSON text in EventBridge's pattern language (at most 2,048 characters).
    public var eventPattern: String
    /// Whether the rule routes events.
    public var state: RuleState
    /// What the rule is for.
    public var description: String?

    /// A rule named `name` on `eventBusName` routing what `eventPattern` matches.
    public init(
        name: String,
        eventBusName: String = EventBusNames.default,
        eventPattern: String,
        state: RuleState = .enabled,
        description: String? = nil
    ) {
        self.name = name
        self.eventBusName = eventBusName
        self.eventPattern = eventPattern
        self.state = state
        self.description = description
    }
}
