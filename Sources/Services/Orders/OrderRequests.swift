package import Middleware

/// `POST /orders`.
package struct CreateOrderRequest: Codable, Sendable, Validatable {
    package var items: [OrderLine]
    package var currency: String

    package static let maximumItems = 100

    package func validate(_ validator: inout Validator) {
        validator.check(self.items, "items", .count(1...Self.maximumItems))
        validator.each(self.items, "items")
        validator.check(self.currency, "currency", CurrencyCode.rule)
    }

    /// The sum of the lines, or `nil` when it does not fit an `Int`.
    package var total: Int? {
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
package struct UpdateOrderStatusRequest: Codable, Sendable {
    package var status: OrderStatus
}

/// A page of `GET /orders`.
package struct OrderPage: Codable, Sendable, Equatable {
    package var orders: [Order]
    /// Pass as `cursor` for the next page; absent on the last one.
    package var nextCursor: String?
}
