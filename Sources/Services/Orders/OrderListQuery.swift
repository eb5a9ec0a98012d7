import Cloud
import Middleware

/// The query of `GET /orders`: `status` and the page's `limit` (1–100, default 20) and `cursor`.
struct OrderListQuery {
    /// The parameters as the API's documentation shows them.
    static let parameters =
        [
            QueryParameter(
                "status", "Only orders in this status",
                schema: ["type": "string", "enum": .array(OrderStatus.schemaValues.map(JSONValue.string))])
        ] + PageRequest.parameters(items: "Orders")

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
        let page = try PageRequest(request)
        self.limit = page.limit
        self.cursor = page.cursor
    }
}
