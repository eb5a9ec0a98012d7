package import Cloud
package import Middleware

/// The analytics function's API: `GET /analytics/events?from=&to=`, the events counted per type and day, for staff
/// only (401 without a valid token, 403 for anyone else).
package struct AnalyticsAPI: HTTPAPI {
    package let router: HTTPRouter

    /// Counts kept in `store`.
    package init(store: any ItemStore) {
        let analytics = AnalyticsRepository(store: store)
        self.router = HTTPRouter {
            Route(
                .get, "/analytics/events", authorization: .jwt(),
                summary: "Events per type and day (UTC) from one day to another, both included; staff only",
                query: AnalyticsRange.parameters, errors: [400, 403]
            ) { request, _ in
                guard try request.caller().isStaff else { throw HTTPError.forbidden("Only staff see analytics") }
                let range = try AnalyticsRange(request)
                return APIResponse(
                    body: AnalyticsReport(
                        from: range.from.description, to: range.to.description,
                        days: try await analytics.counts(in: range)))
            }
        }
    }
}
