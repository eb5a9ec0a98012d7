/// An event delivered by an EventBridge rule, with its `detail` decoded as `Detail`.
///
/// Use ``JSONValue`` as `Detail` to accept any detail.
public struct EventBridgeEvent<Detail: Codable & Sendable>: Codable, Sendable {
    public var version: String
    public var id: String
    public var detailType: String
    public var source: String
    public var account: String
    /// When the event happened, ISO 8601 in UTC, e.g. `2026-11-22T10:00:00Z`.
    public var time: String
    public var region: String
    public var resources: [String]
    public var detail: Detail
    /// Set only on events that an archive replay sent again.
    public var replayName: String?

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
