/// One event as it crossed the bus: what `stratus events tail` and the dashboard show.
public struct BusActivity: Sendable, Hashable {
    /// The position of the event in the feed, rising by one per event; a reader asks for what came after the
    /// last it saw.
    public let sequence: UInt64
    /// The event's id.
    public let eventID: String
    /// The bus it was put on (or replayed to).
    public let bus: String
    /// Its `source`.
    public let source: String
    /// Its `detail-type`.
    public let detailType: String
    /// When the bus accepted it, in milliseconds since the Unix epoch.
    public let acceptedMilliseconds: Int64
    /// The enabled rules it matched, in the order they were created.
    public let matchedRules: [String]
    /// The replay that sent it again, if one did.
    public let replayName: String?
}
