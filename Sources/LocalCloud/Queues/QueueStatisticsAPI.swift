public import Cloud
import Foundation
public import Hummingbird

/// `GET /_stratus/api/queues`: `{"queues": [QueueStatistics…]}`, each queue's messages by state, the age of its
/// oldest and its dead-letter queue's depth. It is under `/_stratus/`, so it answers only what the telemetry API's
/// access checks let through (``LocalCloudRoutes`` adds it behind them).
public struct QueueStatisticsAPI: Sendable {
    /// The route's path.
    public static let path = "/_stratus/api/queues"

    /// The queues described.
    public let queues: any MessageQueue

    /// The API over `queues`.
    public init(queues: any MessageQueue) {
        self.queues = queues
    }

    /// The answer of `stratus queues` and this route.
    public struct Listing: Codable, Sendable, Hashable {
        /// Every queue, in name order.
        public var queues: [QueueStatistics]

        /// A listing of `queues`.
        public init(queues: [QueueStatistics]) {
            self.queues = queues
        }
    }

    /// Adds the route to `router`.
    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get(RouterPath(Self.path)) { _, _ -> Response in
            let listing: Listing
            do throws(MessageQueueError) {
                listing = Listing(queues: try await QueueStatistics.collect(from: self.queues))
            } catch {
                throw TelemetryAPIError.storeUnavailable(error.message)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            guard let data = try? encoder.encode(listing) else { throw TelemetryAPIError.unreadable }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
