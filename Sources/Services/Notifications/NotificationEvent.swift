import Cloud
import Middleware

/// An event the notifications worker takes, in EventBridge's envelope.
typealias NotificationEvent = EventBridgeEvent<NotificationEventDetail>

/// The fields of the four notifying events' `detail` that notifications use; each event has only some of them.
package struct NotificationEventDetail: OutboxEventDetail, Equatable {
    /// The longest identifier, address or status the worker accepts in a detail.
    static let maximumFieldLength = 320

    /// `OrderCreated`, `OrderStatusChanged`.
    package var orderId: String?
    /// The order's owner: `OrderCreated`, `OrderStatusChanged`.
    package var customerId: String?
    /// `OrderCreated`.
    package var currency: String?
    /// In minor units: `OrderCreated`.
    package var total: Int?
    /// The previous status: `OrderStatusChanged`.
    package var from: String?
    /// The new status: `OrderStatusChanged`.
    package var to: String?
    /// The account: `UserRegistered`, `UserProfileUpdated`.
    package var userId: String?
    /// The account's email: `UserRegistered`.
    package var email: String?
    /// The outbox event's ID, which every event the services raise carries (``OutboxEvent/detailEventIDField``).
    package var eventId: String?

    /// ``eventId``, the ID the worker is idempotent by.
    package var outboxEventID: String? { self.eventId }

    /// The user the event is about: the order's customer or the account.
    var recipientUserID: String? { self.customerId ?? self.userId }

    /// Whether every text field is within ``maximumFieldLength``, so no event can make a huge item or message.
    var isBounded: Bool {
        [self.orderId, self.customerId, self.currency, self.from, self.to, self.userId, self.email]
            .allSatisfy { ($0?.utf8.count ?? 0) <= Self.maximumFieldLength }
    }
}
