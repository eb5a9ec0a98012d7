/// The port to the single table (ARCHITECTURE §3): DynamoDB's item semantics, implemented on an embedded SQLite
/// file locally and on DynamoDB in the cloud, both held to the same contract test suite.
///
/// Items whose `expiresAt` (seconds since the epoch) has passed are invisible to every operation, conditions
/// included, and are purged later.
public protocol ItemStore: Sendable {
    /// Writes a whole item, replacing any item with its key, if `condition` holds for the item there now.
    /// Returns the old item when `returning` is ``ReturnValues/allOld``.
    func put(_ item: Item, condition: Condition?, returning: ReturnValues) async throws(ItemStoreError) -> Item?

    /// The item with `key`, if there is one.
    func get(_ key: ItemKey) async throws(ItemStoreError) -> Item?

    /// Deletes the item with `key` (absent is fine) if `condition` holds. Returns the old item when `returning` is
    /// ``ReturnValues/allOld``.
    func delete(_ key: ItemKey, condition: Condition?, returning: ReturnValues) async throws(ItemStoreError) -> Item?

    /// Applies `update` to the item with `key`, creating it when absent, if `condition` holds.
    func update(
        _ key: ItemKey,
        _ update: ItemUpdate,
        condition: Condition?,
        returning: ReturnValues
    ) async throws(ItemStoreError) -> Item?

    /// Performs up to 100 actions on distinct items, all or nothing.
    func transactWrite(_ actions: [TransactionAction]) async throws(ItemStoreError)

    /// One page of the items of a partition.
    func query(_ query: ItemQuery) async throws(ItemStoreError) -> QueryPage
}

extension ItemStore {
    /// Writes a whole item, if `condition` (if any) holds.
    public func put(_ item: Item, condition: Condition? = nil) async throws(ItemStoreError) {
        _ = try await self.put(item, condition: condition, returning: .none)
    }

    /// Deletes the item with `key`, if `condition` (if any) holds.
    public func delete(_ key: ItemKey, condition: Condition? = nil) async throws(ItemStoreError) {
        _ = try await self.delete(key, condition: condition, returning: .none)
    }

    /// Applies `update` to the item with `key` if `condition` (if any) holds, and returns the new item.
    @discardableResult
    public func update(
        _ key: ItemKey,
        _ update: ItemUpdate,
        condition: Condition? = nil
    ) async throws(ItemStoreError) -> Item {
        // An update always leaves an item behind, so `allNew` always has one to return.
        try await self.update(key, update, condition: condition, returning: .allNew) ?? Item(key.attributes)
    }
}
