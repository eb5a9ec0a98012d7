/// A replay: the events an archive kept from a time window, sent again to the archive's bus with `replay-name` set.
public struct EventReplay: Sendable, Hashable {
    /// The replay's name, unique: 1…64 letters, digits, `.`, `-` and `_`.
    public var name: String
    /// The archive replayed.
    public var archive: String
    /// The first event time replayed, in milliseconds since the Unix epoch.
    public var fromMilliseconds: Int64
    /// The end of the window, exclusive, in milliseconds since the Unix epoch.
    public var toMilliseconds: Int64
    /// The bus the events go to: the archive's source bus.
    public var destinationBus: String
    /// The only rules that receive the events; every rule of the bus when `nil`.
    public var ruleNames: [String]?
    /// Where the replay stands; the bus fills it in.
    public var state: ReplayState
    /// The time of the latest event replayed, if any; the bus fills it in.
    public var eventLastReplayedMilliseconds: Int64?
    /// How many events were replayed; the bus fills it in.
    public var replayedEventCount: Int

    /// A replay of `archive` to `destinationBus` of the events from `fromMilliseconds` up to `toMilliseconds`.
    public init(
        name: String,
        archive: String,
        fromMilliseconds: Int64,
        toMilliseconds: Int64,
        destinationBus: String,
        ruleNames: [String]? = nil,
        state: ReplayState = .starting,
        eventLastReplayedMilliseconds: Int64? = nil,
        replayedEventCount: Int = 0
    ) {
        self.name = name
        self.archive = archive
        self.fromMilliseconds = fromMilliseconds
        self.toMilliseconds = toMilliseconds
        self.destinationBus = destinationBus
        self.ruleNames = ruleNames
        self.state = state
        self.eventLastReplayedMilliseconds = eventLastReplayedMilliseconds
        self.replayedEventCount = replayedEventCount
    }
}
