/// An event as analytics counts it, checked: its ID, its `detail-type` and the UTC day of its time.
struct CountedEvent: Sendable {
    /// The event's ID, which its marker is kept under.
    let eventID: String
    /// The type counted.
    let detailType: String
    /// The UTC day it is counted on.
    let day: AnalyticsDay

    /// The counted form of `event`.
    /// - Throws: ``AnalyticsEventError`` when its ID, its type or its time cannot be counted.
    init(_ event: AnalyticsEvent) throws(AnalyticsEventError) {
        guard UserNotification.isWellFormedID(event.eventID) else {
            throw AnalyticsEventError(.malformedEventID)
        }
        guard (1...AnalyticsKeys.maximumDetailTypeLength).contains(event.detailType.utf8.count) else {
            throw AnalyticsEventError(.malformedDetailType)
        }
        guard let day = AnalyticsDay(eventTime: event.time) else {
            throw AnalyticsEventError(.malformedTime)
        }
        self.eventID = event.eventID
        self.detailType = event.detailType
        self.day = day
    }
}
