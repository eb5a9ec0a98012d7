import Cloud
import Middleware

/// The query of `GET /orders`: `status`, `limit` (1–100, default 20) and `cursor`.
struct OrderListQuery {
    static let defaultLimit = 20
    static let maximumLimit = 100

    var status: OrderStatus?
    var limit: Int
    var cursor: QueryCursor?

    init(_ request: HTTPRequest) throws(HTTPError) {
        if let status = request.query("status") {
            guard let parsed = OrderStatus(rawValue: status) else {
                throw .badRequest("status must be one of \(OrderStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.status = parsed
        }
        if let limit = request.query("limit") {
            guard let parsed = Int(limit), (1...Self.maximumLimit).contains(parsed) else {
                throw .badRequest("limit must be a whole number from 1 to \(Self.maximumLimit)")
            }
            self.limit = parsed
        } else {
            self.limit = Self.defaultLimit
        }
        self.cursor = request.query("cursor").map(QueryCursor.init(token:))
    }
}
