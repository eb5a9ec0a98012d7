import Cloud
import Middleware

/// The query of `GET /notifications`: `unread` (`true` for unread ones only) and the page's `limit` and `cursor`.
struct NotificationListQuery {
    /// The parameters as the API's documentation shows them.
    static let parameters =
        [QueryParameter("unread", "true: only notifications not read yet", schema: ["type": "boolean"])]
        + PageRequest.parameters(items: "Notifications")

    var unreadOnly: Bool
    var page: PageRequest

    init(_ request: APIRequest) throws(HTTPError) {
        switch request.query("unread") {
        case nil, "false": self.unreadOnly = false
        case "true": self.unreadOnly = true
        default: throw .badRequest("unread must be true or false")
        }
        self.page = try PageRequest(request)
    }
}
