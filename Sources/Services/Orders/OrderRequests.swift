public import Middleware

/// `POST /orders`.
public struct CreateOrderRequest: Codable, Sendable, Validatable {
    public var items: [OrderLine]
    public var currency: String

    public static let maximumItems = 100

    public func validate(_ validator: inout Validator) {
        validator.check(self.items, "items", .count(1...Self.maximumItems))
        validator.each(self.items, "items")
        validator.check(self.currency, "currency", CurrencyCode.rule)
    }

    /// The sum of the lines, or `nil` when it does not fit an `Int`.
    public var total: Int? {
        var total = 0
        for line in self.items {
            let (lineTotal, lineOverflow) = line.quantity.multipliedReportingOverflow(by: line.unitPrice)
            let (sum, sumOverflow) = total.addingReportingOverflow(lineTotal)
            guard !lineOverflow, !sumOverflow else { return nil }
            total = sum
        }
        return total
    }
}

/// `PATCH /orders/{id}/status`.
public struct UpdateOrderStatusRequest: Codable, Sendable {
    public var status: OrderStatus
}

/// A page of `GET /orders`.
public struct OrderPage: Codable, Sendable, Equatable {
    public var orders: [Order]
    /// Pass as `cursor` for the next page; absent on the last one.
    public var nextCursor: String?
}
