/// One event of a `PutEvents` request.
public struct PutEventsEntry: Sendable, Hashable {
    /// Who sends the event, e.g. `orders`; required.
    public var source: String
    /// The kind of event, e.g. `OrderPlaced`; required.
    public var detailType: String
    /// The event's payload: the text of a JSON object; required.
    public var detail: String
    /// ARNs of the resources the event concerns.
    public var resources: [String]
    /// When the event happened, in milliseconds since the Unix epoch; the time it is put when `nil`.
    public var timeMilliseconds: Int64?
    /// The bus the event goes to, `default` unless given.
    public var eventBusName: String
    /// The X-Ray trace header the event carries on to its targets.
    public var traceHeader: String?

    /// An entry with the required fields and whatever else is given.
    public init(
        source: String,
        detailType: String,
        detail: String,
        resources: [String] = [],
        timeMilliseconds: Int64? = nil,
        eventBusName: String = EventBusNames.default,
        traceHeader: String? = nil
    ) {
        self.source = source
        self.detailType = detailType
        self.detail = detail
        self.resources = resources
        self.timeMilliseconds = timeMilliseconds
        self.eventBusName = eventBusName
        self.traceHeader = traceHeader
    }

    /// The bytes the entry counts against the request size, as EventBridge counts them: 14 for a time when one is
    /// given, and the UTF-8 bytes of the source, the detail type, the detail and each resource.
    public var size: Int {
        (self.timeMilliseconds == nil ? 0 : 14) + self.source.utf8.count + self.detailType.utf8.count
            + self.detail.utf8.count + self.resources.reduce(0) { $0 + $1.utf8.count }
    }
}
