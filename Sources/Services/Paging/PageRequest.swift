import Cloud
import Middleware

/// The paging part of a listing's query: `limit` (1–100, default 20) and `cursor`, the opaque `nextCursor` of the
/// page before. Every listing of the services reads its paging through this type.
struct PageRequest {
    static let defaultLimit = 20
    static let maximumLimit = 100

    /// The two parameters as the API's documentation shows them; `items` names what a page holds.
    static func parameters(items: String) -> [QueryParameter] {
        [
            QueryParameter(
                "limit", "\(items) per page",
                schema: [
                    "type": "integer", "minimum": 1, "maximum": .integer(Int64(Self.maximumLimit)),
                    "default": .integer(Int64(Self.defaultLimit)),
                ]),
            QueryParameter(
                "cursor", "The nextCursor of the previous page", schema: ["type": "string", "maxLength": 2048]),
        ]
    }

    var limit: Int
    var cursor: QueryCursor?

    /// The paging of `request`; 400 for a limit that is not a whole number from 1 to 100.
    init(_ request: APIRequest) throws(HTTPError) {
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
