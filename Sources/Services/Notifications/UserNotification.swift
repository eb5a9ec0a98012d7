/// A notification as the API answers it: what happened, for its owner, and whether they have read it.
package struct UserNotification: Codable, Sendable, Equatable {
    /// The ID of the event that raised it; `POST /notifications/{id}/read` names it.
    package var notificationId: String
    /// The event's `detail-type`, e.g. `OrderStatusChanged`.
    package var type: NotificationKind
    package var subject: String
    package var body: String
    /// When the notification was written, ISO 8601 in UTC.
    package var createdAt: String
    /// Whether its owner has marked it read.
    package var read: Bool
    /// When its owner marked it read; absent while unread.
    package var readAt: String?
}

/// One page of `GET /notifications`, newest first.
package struct NotificationPage: Codable, Sendable, Equatable {
    package var notifications: [UserNotification]
    /// Pass as `cursor` for the next page; absent on the last one.
    package var nextCursor: String?
}
