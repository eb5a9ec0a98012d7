import Cloud
import Middleware

/// The query of `GET /admin/dead-letters`: `queue` (a source queue; all when absent) and the page's `limit` and
/// `cursor`.
struct DeadLetterListQuery {
    /// The longest queue name SQS accepts.
    static let maximumQueueNameLength = 80

    /// The parameters as the API's documentation shows them.
    static let parameters =
        [
            QueryParameter(
                "queue", "Only the dead letters of this source queue",
                schema: ["type": "string", "maxLength": .integer(Int64(Self.maximumQueueNameLength))])
        ]
        + PageRequest.parameters(items: "Dead letters")

    var sourceQueue: String?
    var page: PageRequest

    init(_ request: APIRequest) throws(HTTPError) {
        if let queue = request.query("queue") {
            guard (1...Self.maximumQueueNameLength).contains(queue.count) else {
                throw .badRequest("queue must be 1 to \(Self.maximumQueueNameLength) characters")
            }
            self.sourceQueue = queue
        }
        self.page = try PageRequest(request)
    }
}
