import Cloud
import Middleware

/// The query of `GET /notifications`: `unread` (`true` for unread ones only), `limit` (1–100, default 20) and
/// `cursor`.
struct NotificationListQuery {
    static let defaultLimit = 20
    static let maximumLimit = 100

    /// The parameters as the API's documentation shows them.
    static let parameters = [
        QueryParameter("unread", "true: only notifications not read yet", schema: ["type": "boolean"]),
        QueryParameter(
            "limit", "Notifications per page",
            schema: [
                "type": "integer", "minimum": 1, "maximum": .integer(Int64(maximumLimit)),
                "default": .integer(Int64(defaultLimit)),
            ]),
        QueryParameter("cursor", "The nextCursor of the previous page", schema: ["type": "string", "maxLength": 2048]),
    ]

    var unreadOnly: Bool
    var limit: Int
    var cursor: QueryCursor?

    init(_ request: APIRequest) throws(HTTPError) {
        switch request.query("unread") {
        case nil, "false": self.unreadOnly = false
        case "true": self.unreadOnly = true
        default: throw .badRequest("unread must be true or false")
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
