public import Cloud
import JSONCoding

extension DynamoDBItemStore {
    /// `TransactWriteItems`, after the port's checks (1 to 100 actions on distinct items, item sizes, 4 MB); a
    /// cancellation names each action's reason, in order. When updates failed only on expired items, those items
    /// are deleted and the transaction made again.
    public func transactWrite(_ actions: [TransactionAction]) async throws(ItemStoreError) {
        _ = try TransactionAction.validatedKeys(of: actions)
        for case .update(_, let update, _) in actions where update.isEmpty {
            throw .validation("An update needs at least one action")
        }
        var removals = 0
        while true {
            let expiry = self.expiry
            var items: [JSONValue] = []
            for action in actions { items.append(try self.transactItem(action, expiry: expiry)) }
            do throws(ItemStoreError) {
                _ = try await self.call("TransactWriteItems", ["TransactItems": .array(items)], expiry: nil)
                return
            } catch .transactionCanceled(let reasons) where removals < Self.maximumExpiredRemovals {
                let expiredInTheWay = Self.expiredItemsInTheWay(of: actions, reasons: reasons, expiry: expiry)
                guard !expiredInTheWay.isEmpty else {
                    throw expiry.hidingExpired(.transactionCanceled(reasons: reasons))
                }
                for key in expiredInTheWay { try await self.removeExpiredItem(at: key, expiry: expiry) }
                removals += 1
            } catch {
                throw expiry.hidingExpired(error)
            }
        }
    }

    /// The keys of the updates that failed only because their item has expired.
    private static func expiredItemsInTheWay(
        of actions: [TransactionAction], reasons: [TransactionCancellationReason], expiry: DynamoDBExpiry
    ) -> [ItemKey] {
        zip(actions, reasons).compactMap { action, reason in
            guard case .update(let key, _, let condition) = action,
                case .conditionalCheckFailed(let existing) = reason,
                expiry.updateNeedsPurge(of: existing, condition: condition)
            else { return nil }
            return key
        }
    }

    /// One entry of `TransactItems`.
    private func transactItem(_ action: TransactionAction, expiry: DynamoDBExpiry) throws(ItemStoreError) -> JSONValue {
        var attributes = DynamoDBExpressionAttributes()
        var entry: [String: JSONValue] = ["TableName": .string(self.tableName)]
        let operation: String
        switch action {
        case .put(let item, let condition):
            operation = "Put"
            entry["Item"] = DynamoDBAttributeCoding.encode(item)
            Self.addCondition(try expiry.replacingCondition(condition, in: &attributes), to: &entry)
        case .update(let key, let update, let condition):
            operation = "Update"
            entry["Key"] = DynamoDBAttributeCoding.encode(key)
            entry["UpdateExpression"] = .string(attributes.update(update))
            Self.addCondition(try expiry.updatingCondition(condition, in: &attributes), to: &entry)
        case .delete(let key, let condition):
            operation = "Delete"
            entry["Key"] = DynamoDBAttributeCoding.encode(key)
            Self.addCondition(try expiry.replacingCondition(condition, in: &attributes), to: &entry)
        case .conditionCheck(let key, let condition):
            operation = "ConditionCheck"
            entry["Key"] = DynamoDBAttributeCoding.encode(key)
            Self.addCondition(try expiry.replacingCondition(condition, in: &attributes), to: &entry)
        }
        attributes.add(to: &entry)
        return .object([operation: .object(entry)])
    }
}
