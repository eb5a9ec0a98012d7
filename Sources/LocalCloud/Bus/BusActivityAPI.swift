import Foundation
public import Hummingbird
import LambdaRuntime

/// `GET /_stratus/api/events?after=SEQ&limit=N`: the events that crossed the local bus after sequence `after` (all
/// the feed keeps when absent), at most `limit` of the newest (1–1000, 100 by default), each with the rules it
/// matched, and the sequence to ask `after` for next. It is under `/_stratus/`, so it answers only what the
/// telemetry API's access checks let through (``LocalCloudRoutes`` adds it behind them).
public struct BusActivityAPI: Sendable {
    /// The route's path.
    public static let path = "/_stratus/api/events"
    /// The most events one answer holds.
    public static let maximumLimit = 1000

    /// The events shown.
    public let feed: BusActivityFeed

    /// The API over `feed`.
    public init(feed: BusActivityFeed) {
        self.feed = feed
    }

    /// The answer of this route and what `stratus events tail` reads.
    public struct Page: Codable, Sendable, Hashable {
        /// The events, oldest first.
        public var events: [Event]
        /// The sequence to ask `after` for the events that follow: the last event's, or the `after` asked.
        public var next: UInt64
    }

    /// One event as it crossed the bus.
    public struct Event: Codable, Sendable, Hashable {
        /// Its position in the feed.
        public var sequence: UInt64
        /// When the bus accepted it, ISO 8601 with milliseconds.
        public var time: String
        /// The bus it was put on.
        public var bus: String
        /// The event's id.
        public var id: String
        /// Its `source`.
        public var source: String
        /// Its `detail-type`.
        public var detailType: String
        /// The enabled rules it matched, in the order they were created.
        public var rules: [String]
        /// The replay that sent it again, if one did.
        public var replayName: String?

        init(_ activity: BusActivity) {
            self.sequence = activity.sequence
            self.time = WallClock.iso8601(milliseconds: activity.acceptedMilliseconds)
            self.bus = activity.bus
            self.id = activity.eventID
            self.source = activity.source
            self.detailType = activity.detailType
            self.rules = activity.matchedRules
            self.replayName = activity.replayName
        }
    }

    /// Adds the route to `router`.
    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get(RouterPath(Self.path)) { request, _ -> Response in
            let page = try self.page(APIGatewayEventBuilder.queryParameters(request.uri.query ?? "") ?? [:])
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            guard let data = try? encoder.encode(page) else { throw TelemetryAPIError.unreadable }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    /// The page the query parameters `after` and `limit` ask for.
    func page(_ query: [String: String]) throws(TelemetryAPIError) -> Page {
        var after: UInt64 = 0
        if let text = query["after"] {
            guard let sequence = UInt64(text) else {
                throw .badParameter("after must be a sequence number, not \(text)")
            }
            after = sequence
        }
        var limit = 100
        if let text = query["limit"] {
            guard let number = Int(text), (1...Self.maximumLimit).contains(number) else {
                throw .badParameter("limit must be between 1 and \(Self.maximumLimit), not \(text)")
            }
            limit = number
        }
        let events = self.feed.events(after: after, limit: limit).map(Event.init)
        return Page(events: events, next: events.last?.sequence ?? after)
    }
}
