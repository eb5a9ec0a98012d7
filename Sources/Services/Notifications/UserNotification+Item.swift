import Cloud

/// How a notification is kept in the single table: `USER#<sub>` / `NOTIF#<createdAt>#<id>` (ARCHITECTURE §3), so a
/// user's notifications sort by time in their partition. Its ID is the event's, and the event's marker
/// (``NotificationMarker``) finds it by that ID.
extension UserNotification {
    /// The prefix of every notification's sort key.
    static let sortKeyPrefix = "NOTIF#"

    /// The longest notification ID: event IDs are UUIDs, far shorter.
    static let maximumIDLength = 128

    /// Whether `id` can name a notification: 1–128 letters, digits, `-` or `_`, as event IDs are.
    static func isWellFormedID(_ id: String) -> Bool {
        (1...Self.maximumIDLength).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                    true
                default: false
                }
            }
    }

    static func partition(userID: String) -> String {
        "USER#\(userID)"
    }

    static func key(userID: String, createdAt: String, notificationID: String) -> ItemKey {
        ItemKey(partition: Self.partition(userID: userID), sort: "\(Self.sortKeyPrefix)\(createdAt)#\(notificationID)")
    }

    func item(userID: String) -> Item {
        var item = Item(
            Self.key(userID: userID, createdAt: self.createdAt, notificationID: self.notificationId).attributes)
        item["notificationId"] = .string(self.notificationId)
        item["type"] = .string(self.type.rawValue)
        item["subject"] = .string(self.subject)
        item["body"] = .string(self.body)
        item["createdAt"] = .string(self.createdAt)
        item["readAt"] = self.readAt.map(AttributeValue.string)
        return item
    }

    /// The notification in `item`, or `nil` when the item is not a well-formed notification.
    init?(item: Item) {
        guard let notificationID = item.string("notificationId"),
            let type = item.string("type").flatMap(NotificationKind.init(rawValue:)),
            let subject = item.string("subject"), let body = item.string("body"),
            let createdAt = item.string("createdAt")
        else { return nil }
        let readAt = item.string("readAt")
        self.init(
            notificationId: notificationID, type: type, subject: subject, body: body, createdAt: createdAt,
            read: readAt != nil, readAt: readAt)
    }
}
