/// The events that notify a user, named by their EventBridge `detail-type` as the services emit them.
package enum NotificationKind: String, Codable, Sendable, CaseIterable {
    /// The orders service accepted an order (`stratus.orders`).
    case orderCreated = "OrderCreated"
    /// Staff or the customer moved an order to another status (`stratus.orders`).
    case orderStatusChanged = "OrderStatusChanged"
    /// An account and its profile were created (`stratus.users`).
    case userRegistered = "UserRegistered"
    /// The owner changed their profile (`stratus.users`).
    case userProfileUpdated = "UserProfileUpdated"

    /// The event pattern of the rule that feeds the notifications queue: every kind, from the services that emit them.
    package static let eventPattern = """
        {"source": ["stratus.orders", "stratus.users"], "detail-type": ["OrderCreated", "OrderStatusChanged", "UserRegistered", "UserProfileUpdated"]}
        """

    /// Whether the notification also goes out as a text message to a user with a phone number: only news about an
    /// order's progress is worth one.
    var textsThePhone: Bool { self == .orderStatusChanged }
}
