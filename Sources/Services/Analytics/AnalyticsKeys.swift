import Cloud

/// Where analytics keeps its items: one counter per event type and day, `ANALYTICS#<yyyy-mm-dd>` /
/// `TYPE#<detailType>`, and one marker per counted event, `ANALYTICSEVENT#<eventId>` / `MARKER`, which expires after
/// ``markerRetentionSeconds``.
enum AnalyticsKeys {
    /// The sort key prefix of a day's counters.
    static let typePrefix = "TYPE#"
    /// The attribute holding a counter's count.
    static let count = "count"
    /// The longest `detail-type` counted, in bytes.
    static let maximumDetailTypeLength = 128
    /// How long an event's marker is kept: the app bus archive's retention (7 days) and one more day, so a replay of
    /// anything still archived finds the marker of what was counted.
    static let markerRetentionSeconds: Int64 = 8 * 86_400

    /// The counter of events of `detailType` on `day`.
    static func counter(day: AnalyticsDay, detailType: String) -> ItemKey {
        ItemKey(partition: Self.partition(day: day), sort: Self.typePrefix + detailType)
    }

    /// The partition holding the counters of `day`.
    static func partition(day: AnalyticsDay) -> String {
        "ANALYTICS#\(day)"
    }

    /// The marker of the event with `eventID`.
    static func marker(eventID: String) -> ItemKey {
        ItemKey(partition: "ANALYTICSEVENT#\(eventID)", sort: "MARKER")
    }
}
