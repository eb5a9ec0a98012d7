/// An event delivered by an EventBridge rule, with its `detail` decoded as `Detail`.
///
/// Use ``JSONValue`` as `Detail` to accept any detail.
public struct EventBridgeEvent<Detail: Codable & Sendable>: Codable, Sendable {
    /// The envelope version; EventBridge sends `0`.
    public var version: String
    /// The event's unique ID, a UUID EventBridge assigns.
    public var id: String
    /// What kind of event this is, from the `detail-type` field, e.g. `Order Placed`.
    public var detailType: String
    /// Who sent the event, e.g. `aws.events` or an application's reverse-DNS name.
    public var source: String
    /// The AWS account ID, 12 digits, in which the event was put.
    public var account: String
    /// When the event happened, ISO 8601 in UTC, e.g. `2026-11-22T10:00:00Z`.
    public var time: String
    /// The AWS Region of the event bus, e.g. `eu-west-1`.
    public var region: String
    /// ARNs of the resources the event concerns, e.g. a schedule rule; often empty.
    public var resources: [String]
    /// The event's payload, decoded as `Detail`.
    public var detail: Detail
    /// Set only on events that an archive replay sent again.
    public var replayName: String?

    /// Creates an event, e.g. for a test; `time` is ISO 8601 in UTC.
    public init(
        version: String = "0",
        id: String,
        detailType: String,
        source: String,
        account: String,
        time: String,
        region: String,
        resources: [String] = [],
        detail: Detail,
        replayName: String? = nil
    ) {
        self.version = version
        self.id = id
        self.detailType = detailType
        self.source = source
        self.account = account
        self.time = time
        self.region = region
        self.resources = resources
        self.detail = detail
        self.replayName = replayName
    }

    enum CodingKeys: String, CodingKey {
        case version, id, source, account, time, region, resources, detail
        case detailType = "detail-type"
        case replayName = "replay-name"
    }
}

extension EventBridgeEvent: Equatable where Detail: Equatable {}
