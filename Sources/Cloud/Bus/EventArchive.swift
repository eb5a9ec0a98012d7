/// An archive of a bus: it keeps the events its pattern matches (all, without one) for its retention, to be replayed.
public struct EventArchive: Sendable, Hashable {
    /// The archive's name: 1…48 letters, digits, `.`, `-` and `_`.
    public var name: String
    /// The bus whose events it keeps; it cannot change.
    public var sourceBus: String
    /// The events kept, an event pattern; every event when `nil`.
    public var eventPattern: String?
    /// How many days an event is kept; forever when 0.
    public var retentionDays: Int
    /// How many events it holds now; filled in by the bus when listing.
    public var eventCount: Int

    /// An archive of `sourceBus` named `name`.
    public init(
        name: String, sourceBus: String, eventPattern: String? = nil, retentionDays: Int = 0, eventCount: Int = 0
    ) {
        self.name = name
        self.sourceBus = sourceBus
        self.eventPattern = eventPattern
        self.retentionDays = retentionDays
        self.eventCount = eventCount
    }
}
