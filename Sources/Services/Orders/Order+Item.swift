import Cloud

/// How an order is kept in the single table: `ORDER#<id>` / `DETAILS`, listed per customer through GSI1 as
/// `USER#<sub>` / `ORDER#<createdAt>#<id>` (ARCHITECTURE §3).
extension Order {
    static func key(orderID: String) -> ItemKey {
        ItemKey(partition: "ORDER#\(orderID)", sort: "DETAILS")
    }

    static func customerPartition(_ customerID: String) -> String {
        "USER#\(customerID)"
    }

    var item: Item {
        var item = Item(Self.key(orderID: self.orderId).attributes)
        item[TableSchema.indexPartitionKey] = .string(Self.customerPartition(self.customerId))
        item[TableSchema.indexSortKey] = .string("ORDER#\(self.createdAt)#\(self.orderId)")
        item["orderId"] = .string(self.orderId)
        item["customerId"] = .string(self.customerId)
        item["status"] = .string(self.status.rawValue)
        item["currency"] = .string(self.currency)
        item["total"] = .int(self.total)
        item["createdAt"] = .string(self.createdAt)
        item["updatedAt"] = .string(self.updatedAt)
        item["version"] = .int(self.version)
        item["items"] = .list(
            self.items.map { line in
                ["sku": .string(line.sku), "quantity": .int(line.quantity), "unitPrice": .int(line.unitPrice)]
            })
        return item
    }

    /// The order in `item`, or `nil` when the item is not a well-formed order.
    init?(item: Item) {
        guard let orderID = item.string("orderId"), let customerID = item.string("customerId"),
            let status = item.string("status").flatMap(OrderStatus.init(rawValue:)),
            let currency = item.string("currency"), let total = item.int("total"),
            let createdAt = item.string("createdAt"), let updatedAt = item.string("updatedAt"),
            let version = item.int("version"), let lines = item["items"]?.listValue
        else { return nil }
        var items: [OrderLine] = []
        for line in lines {
            guard let fields = line.mapValue, let sku = fields["sku"]?.stringValue,
                let quantity = fields["quantity"]?.intValue, let unitPrice = fields["unitPrice"]?.intValue
            else { return nil }
            items.append(OrderLine(sku: sku, quantity: quantity, unitPrice: unitPrice))
        }
        self.init(
            orderId: orderID, customerId: customerID, status: status, items: items, currency: currency,
            total: total, createdAt: createdAt, updatedAt: updatedAt, version: version)
    }
}
