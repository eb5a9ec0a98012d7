import Middleware

// Written member by member, in the order the synthesised `Encodable` conformances write them through
// StreamingJSONEncoder (declaration order): an order is the answer of every order route, and the generic encoder's
// keyed containers, conformance casts and generic metadata cost more than the rest of a `GET /orders/{id}` answer.

extension Order: JSONBytesEncodable {
    /// The order as compact JSON text, the bytes of its `Encodable` conformance.
    package var jsonBytes: [UInt8] {
        var writer = JSONWriter(capacity: 256 + 64 * self.items.count)
        self.write(into: &writer)
        return writer.bytes
    }

    func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("orderId", self.orderId)
        writer.member("customerId", self.customerId)
        writer.member("status", self.status.rawValue)
        writer.key("items")
        writer.beginArray()
        for line in self.items {
            line.write(into: &writer)
        }
        writer.endArray()
        writer.member("currency", self.currency)
        writer.member("total", self.total)
        writer.member("createdAt", self.createdAt)
        writer.member("updatedAt", self.updatedAt)
        writer.member("version", self.version)
        writer.endObject()
    }
}

extension OrderLine {
    func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("sku", self.sku)
        writer.member("quantity", self.quantity)
        writer.member("unitPrice", self.unitPrice)
        writer.endObject()
    }
}

extension OrderPage: JSONBytesEncodable {
    /// The page as compact JSON text; `nextCursor` is left out on the last page, as its conformance leaves it out.
    package var jsonBytes: [UInt8] {
        var writer = JSONWriter(capacity: 64 + 320 * self.orders.count)
        writer.beginObject()
        writer.key("orders")
        writer.beginArray()
        for order in self.orders {
            order.write(into: &writer)
        }
        writer.endArray()
        if let nextCursor = self.nextCursor {
            writer.member("nextCursor", nextCursor)
        }
        writer.endObject()
        return writer.bytes
    }
}
