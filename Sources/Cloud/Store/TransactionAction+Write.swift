/// What one write puts in the table once its condition has held: DynamoDB's rules for a write, apart from where the
/// items are kept. An adapter reads the visible item at the action's key, asks the action for its write, and stores
/// the result.
package enum PlannedWrite: Sendable, Hashable {
    /// The item that replaces the one there (if any).
    case save(Item)
    case delete(ItemKey)
    /// A condition check: nothing changes.
    case nothing
}

extension TransactionAction {
    /// What the action writes over `old`, the visible item at its key (if any); throws
    /// ``ItemStoreError/conditionalCheckFailed(existingItem:)`` when the condition does not hold for `old`, and a
    /// validation error when the result could not be stored.
    package func write(over old: Item?) throws(ItemStoreError) -> PlannedWrite {
        switch self {
        case .put(let item, let condition):
            try Self.check(condition, on: old)
            return .save(item)
        case .update(let key, let update, let condition):
            try Self.check(condition, on: old)
            let new = try update.applied(to: old ?? Item(key.attributes))
            _ = try new.validatedSize()
            return .save(new)
        case .delete(let key, let condition):
            try Self.check(condition, on: old)
            return .delete(key)
        case .conditionCheck(_, let condition):
            try Self.check(condition, on: old)
            return .nothing
        }
    }

    /// Throws ``ItemStoreError/conditionalCheckFailed(existingItem:)`` unless `condition` (if any) holds for `item`.
    package static func check(_ condition: Condition?, on item: Item?) throws(ItemStoreError) {
        if let condition, !condition.isSatisfied(by: item) {
            throw .conditionalCheckFailed(existingItem: item)
        }
    }

    /// The actions' writes over `olds`, the visible items at their keys (in the actions' order), if every action's
    /// condition holds and every result can be stored; ``ItemStoreError/transactionCanceled(reasons:)`` with one
    /// reason per action otherwise.
    package static func plan(_ actions: [TransactionAction], over olds: [Item?]) throws(ItemStoreError)
        -> [PlannedWrite]
    {
        var reasons: [TransactionCancellationReason] = []
        var writes: [PlannedWrite] = []
        for (action, old) in zip(actions, olds) {
            do throws(ItemStoreError) {
                writes.append(try action.write(over: old))
                reasons.append(.none)
            } catch {
                reasons.append(try TransactionCancellationReason(cancelling: error))
            }
        }
        guard reasons.allSatisfy({ $0 == .none }) else { throw .transactionCanceled(reasons: reasons) }
        return writes
    }

    /// Checks what DynamoDB checks before it runs a transaction (1 to 100 actions on distinct items, 4 MB in all)
    /// and returns the actions' keys, in order.
    package static func validatedKeys(of actions: [TransactionAction]) throws(ItemStoreError) -> [ItemKey] {
        guard !actions.isEmpty, actions.count <= TableSchema.maximumTransactionActions else {
            throw .validation(
                "A transaction has 1 to \(TableSchema.maximumTransactionActions) actions, not \(actions.count)")
        }
        var keys: [ItemKey] = []
        var distinctKeys = Set<ItemKey>()
        var totalBytes = 0
        for action in actions {
            guard let key = action.key else {
                throw .validation(
                    "One of the required keys was not given a value: \(TableSchema.partitionKey)/\(TableSchema.sortKey)"
                )
            }
            guard distinctKeys.insert(key).inserted else {
                throw .validation("Transaction request cannot include multiple operations on one item: \(key)")
            }
            if case .put(let item, _) = action { totalBytes += try item.validatedSize() }
            keys.append(key)
        }
        guard totalBytes <= TableSchema.maximumTransactionBytes else {
            throw .validation("A transaction's items exceed \(TableSchema.maximumTransactionBytes) bytes")
        }
        return keys
    }
}

extension TransactionCancellationReason {
    /// The reason an action gives for cancelling its transaction when its write failed with `error`; errors that are
    /// not about the action (the store is unavailable, say) are thrown again.
    package init(cancelling error: ItemStoreError) throws(ItemStoreError) {
        switch error {
        case .conditionalCheckFailed(let existing): self = .conditionalCheckFailed(existingItem: existing)
        case .validation(let message): self = .validation(message)
        case .itemTooLarge: self = .validation(error.description)
        case .transactionCanceled, .invalidCursor, .unavailable: throw error
        }
    }
}
