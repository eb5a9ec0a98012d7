public import Middleware

/// An order as the API answers it. Money is in minor units of `currency` (cents for EUR).
public struct Order: Codable, Sendable, Equatable {
    public var orderId: String
    public var customerId: String
    public var status: OrderStatus
    public var items: [OrderLine]
    public var currency: String
    public var total: Int
    public var createdAt: String
    public var updatedAt: String
    /// Grows by one with every change; `If-Match` names it.
    public var version: Int
}

/// One line of an order.
public struct OrderLine: Codable, Sendable, Equatable, Validatable {
    public var sku: String
    public var quantity: Int
    /// The price of one unit, in minor units.
    public var unitPrice: Int

    public static let maximumQuantity = 1000
    /// The largest unit price: ten million minor units (100,000.00 in a two-decimal currency).
    public static let maximumUnitPrice = 10_000_000

    public func validate(_ validator: inout Validator) {
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
        (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z")) || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
            || (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9")) || self == UInt8(ascii: "-") || self == UInt8(ascii: "_")
    }
}
