import Cloud
import Middleware

/// The query of `GET /orders`: `status`, `limit` (1–100, default 20) and `cursor`.
struct OrderListQuery {
    static let defaultLimit = 20
    static let maximumLimit = 100

    /// The parameters as the API's documentation shows them.
    static let parameters = [
        QueryParameter(
            "status", "Only orders in this status",
            schema: ["type": "string", "enum": .array(OrderStatus.schemaValues.map(JSONValue.string))]),
        QueryParameter(
            "limit", "Orders per page",
            schema: [
                "type": "integer", "minimum": 1, "maximum": .integer(Int64(maximumLimit)),
                "default": .integer(Int64(defaultLimit)),
            ]),
        QueryParameter("cursor", "The nextCursor of the previous page", schema: ["type": "string", "maxLength": 2048]),
    ]

    var status: OrderStatus?
    var limit: Int
    var cursor: QueryCursor?

    init(_ request: APIRequest) throws(HTTPError) {
        if let status = request.query("status") {
            guard let parsed = OrderStatus(rawValue: status) else {
                throw .badRequest(
                    "status must be one of \(OrderStatus.allCases.map(\.rawValue).joined(separator: ", "))")
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
