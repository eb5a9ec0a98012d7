import Cloud

/// Keeps items past their `expiresAt` out of sight at one moment (`nowSeconds`), as the port promises, although
/// DynamoDB deletes them only within days: reads drop them, and conditions are compiled to treat them as absent.
struct DynamoDBExpiry {
    /// The moment, in seconds since the epoch, at which an item with `expiresAt <= nowSeconds` is gone.
    let nowSeconds: Int64

    /// Whether `item` is gone at this moment.
    func isExpired(_ item: Item) -> Bool {
        item.expiresAtSeconds.map { $0 <= self.nowSeconds } ?? false
    }

    /// `item`, unless it is gone.
    func visible(_ item: Item?) -> Item? {
        item.flatMap { self.isExpired($0) ? nil : $0 }
    }

    /// `expiresAt <= now`: holds for an expired item only (a missing or non-numeric `expiresAt` never expires).
    func expired(in attributes: inout DynamoDBExpressionAttributes) -> String {
        let name = attributes.name(TableSchema.expiresAt)
        return "\(name) <= \(attributes.value(.number(DecimalNumber(Int(self.nowSeconds)))))"
    }

    /// The condition of a write that replaces or removes the item whatever it holds (a put, a delete, a condition
    /// check): `condition` on the item as the port sees it, an expired one being absent. `nil` without a condition.
    func replacingCondition(
        _ condition: Condition?, in attributes: inout DynamoDBExpressionAttributes
    ) throws(ItemStoreError) -> String? {
        guard let condition else { return nil }
        let compiled = try attributes.condition(condition)
        // On an expired item the condition must give what it gives on no item, which is known here.
        let expired = self.expired(in: &attributes)
        return condition.isSatisfied(by: nil) ? "(\(compiled)) OR (\(expired))" : "(\(compiled)) AND NOT (\(expired))"
    }

    /// The condition of an update, which builds on the attributes there: `condition` (if any) and that the item there
    /// is not expired. When it fails on an expired item, the store removes that item and updates again.
    func updatingCondition(
        _ condition: Condition?, in attributes: inout DynamoDBExpressionAttributes
    ) throws(ItemStoreError) -> String {
        let live = "NOT (\(self.expired(in: &attributes)))"
        guard let condition else { return live }
        return "(\(try attributes.condition(condition))) AND \(live)"
    }

    /// Whether an update with `condition` failed on `existing` only because it is expired: then the update must be
    /// made on no item, so the expired one is removed first.
    func updateNeedsPurge(of existing: Item?, condition: Condition?) -> Bool {
        guard let existing, self.isExpired(existing) else { return false }
        return condition?.isSatisfied(by: nil) ?? true
    }

    /// `error` with expired items hidden from what it reports.
    func hidingExpired(_ error: ItemStoreError) -> ItemStoreError {
        switch error {
        case .conditionalCheckFailed(let existing):
            return .conditionalCheckFailed(existingItem: self.visible(existing))
        case .transactionCanceled(let reasons):
            return .transactionCanceled(
                reasons: reasons.map { reason in
                    guard case .conditionalCheckFailed(let existing) = reason else { return reason }
                    return .conditionalCheckFailed(existingItem: self.visible(existing))
                })
        case .validation, .itemTooLarge, .invalidCursor, .unavailable:
            return error
        }
    }
}
