import Middleware

/// Where an order is in its life: PENDING → CONFIRMED → SHIPPED → DELIVERED, and PENDING or CONFIRMED → CANCELLED.
package enum OrderStatus: String, Codable, Sendable, CaseIterable, SchemaEnumerable {
    case pending = "PENDING"
    case confirmed = "CONFIRMED"
    case shipped = "SHIPPED"
    case delivered = "DELIVERED"
    case cancelled = "CANCELLED"

    /// Whether an order may move from this status to `next`.
    package func canMove(to next: OrderStatus) -> Bool {
        switch (self, next) {
        case (.pending, .confirmed), (.confirmed, .shipped), (.shipped, .delivered),
            (.pending, .cancelled), (.confirmed, .cancelled):
            true
        default:
            false
        }
    }
}
