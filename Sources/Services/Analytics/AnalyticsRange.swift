import Middleware

/// The query of `GET /analytics/events`: the days `from` and `to` (`YYYY-MM-DD`, UTC, both included), in order and
/// at most ``maximumDays`` apart.
struct AnalyticsRange: Sendable, Equatable {
    /// The most days one request may cover: about a quarter.
    static let maximumDays = 92

    /// The parameters as the API's documentation shows them.
    static let parameters = [
        QueryParameter("from", "The first day, YYYY-MM-DD (UTC)", schema: ["type": "string", "format": "date"]),
        QueryParameter("to", "The last day, YYYY-MM-DD (UTC)", schema: ["type": "string", "format": "date"]),
    ]

    let from: AnalyticsDay
    let to: AnalyticsDay

    init(_ request: APIRequest) throws(HTTPError) {
        try self.init(from: request.query("from"), to: request.query("to"))
    }

    init(from fromText: String?, to toText: String?) throws(HTTPError) {
        guard let fromText, let toText else { throw .badRequest("from and to are both required (YYYY-MM-DD)") }
        guard let from = AnalyticsDay(fromText) else { throw .badRequest("from is not a date YYYY-MM-DD") }
        guard let to = AnalyticsDay(toText) else { throw .badRequest("to is not a date YYYY-MM-DD") }
        guard from <= to else { throw .badRequest("from is after to") }
        guard to.daysSinceEpoch - from.daysSinceEpoch < Int64(Self.maximumDays) else {
            throw .badRequest("The range covers more than \(Self.maximumDays) days")
        }
        self.from = from
        self.to = to
    }

    /// Every day of the range, oldest first.
    var days: [AnalyticsDay] {
        (0...(self.to.daysSinceEpoch - self.from.daysSinceEpoch)).map { self.from.adding(days: $0) }
    }
}
