import Cloud

/// The record that an event was turned into a notification: `NOTIFEVENT#<eventId>` / `MARKER`, written in the same
/// transaction as the notification, so a redelivered or replayed event finds it and writes nothing. It names the
/// notification's owner and item (so `POST /notifications/{id}/read` finds both by the ID alone) and, once the
/// messages went out, when they did.
struct NotificationMarker: Sendable, Equatable {
    /// The event's ID, which is also the notification's.
    var eventID: String
    /// The notification's owner.
    var userID: String
    /// The notification's item.
    var notificationKey: ItemKey
    /// When the email and text message were handed to the notifier; `nil` until then.
    var sentAt: String?

    static func key(eventID: String) -> ItemKey {
        ItemKey(partition: "NOTIFEVENT#\(eventID)", sort: "MARKER")
    }

    var key: ItemKey { Self.key(eventID: self.eventID) }

    var item: Item {
        var item = Item(self.key.attributes)
        item["eventId"] = .string(self.eventID)
        item["userId"] = .string(self.userID)
        item["notificationSortKey"] = .string(self.notificationKey.sort)
        item["sentAt"] = self.sentAt.map(AttributeValue.string)
        return item
    }

    /// The marker in `item`, or `nil` when the item is not a well-formed marker.
    init?(item: Item) {
        guard let eventID = item.string("eventId"), let userID = item.string("userId"),
            let sortKey = item.string("notificationSortKey")
        else { return nil }
        self.init(
            eventID: eventID, userID: userID,
            notificationKey: ItemKey(partition: UserNotification.partition(userID: userID), sort: sortKey),
            sentAt: item.string("sentAt"))
    }

    init(eventID: String, userID: String, notificationKey: ItemKey, sentAt: String? = nil) {
        self.eventID = eventID
        self.userID = userID
        self.notificationKey = notificationKey
        self.sentAt = sentAt
    }
}
