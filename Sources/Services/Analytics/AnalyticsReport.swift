/// The answer of `GET /analytics/events`: the counts of every day from `from` to `to`, both included.
package struct AnalyticsReport: Codable, Sendable, Equatable {
    /// The first day, `YYYY-MM-DD`.
    package var from: String
    /// The last day, `YYYY-MM-DD`.
    package var to: String
    /// One entry per day, oldest first.
    package var days: [AnalyticsDayCounts]
}

/// The events of one day in UTC, counted by their `detail-type`.
package struct AnalyticsDayCounts: Codable, Sendable, Equatable {
    /// The day, `YYYY-MM-DD`.
    package var date: String
    /// How many events of each type happened that day; types without events are left out.
    package var counts: [String: Int]

    /// The counts of `date`.
    package init(date: String, counts: [String: Int]) {
        self.date = date
        self.counts = counts
    }
}
