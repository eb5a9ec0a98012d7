package import Middleware

/// An order as the API answers it. Money is in minor units of `currency` (cents for EUR).
package struct Order: Codable, Sendable, Equatable {
    package var orderId: String
    package var customerId: String
    package var status: OrderStatus
    package var items: [OrderLine]
    package var currency: String
    package var total: Int
    package var createdAt: String
    package var updatedAt: String
    /// Grows by one with every change; `If-Match` names it.
    package var version: Int
}

/// One line of an order.
package struct OrderLine: Codable, Sendable, Equatable, Validatable {
    package var sku: String
    package var quantity: Int
    /// The price of one unit, in minor units.
    package var unitPrice: Int

    package static let maximumQuantity = 1000
    /// The largest unit price: ten million minor units (100,000.00 in a two-decimal currency).
    package static let maximumUnitPrice = 10_000_000

    package func validate(_ validator: inout Validator) {
        validator.check(self.sku, "sku", .length(1...64), Self.skuCharacters)
        validator.check(self.quantity, "quantity", .range(1...Self.maximumQuantity))
        validator.check(self.unitPrice, "unitPrice", .range(0...Self.maximumUnitPrice))
    }
}

extension OrderLine {
    /// Letters, digits, `-` and `_`, checked byte by byte (no regular expression on the hot path).
    static let skuCharacters = ValidationRule<String>(constraint: .pattern("^[A-Za-z0-9_-]*$")) { sku in
        sku.utf8.allSatisfy(\.isSKUCharacter) ? nil : "must be letters, digits, '-' or '_'"
    }
}

extension UInt8 {
    fileprivate var isSKUCharacter: Bool {
        (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z"))
            || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
            || (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9")) || self == UInt8(ascii: "-")
            || self == UInt8(ascii: "_")
    }
}
