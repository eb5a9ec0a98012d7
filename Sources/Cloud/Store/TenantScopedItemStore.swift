/// A view of a store that holds one tenant's items only: it prefixes every partition key (`PK` and `GSI1PK`) with
/// `TENANT#<tenant>#` on the way in and removes the prefix on the way out, so code holding this view cannot name,
/// read, query or overwrite another tenant's items.
public struct TenantScopedItemStore: ItemStore {
    /// The store the view reads and writes, holding every tenant's items.
    public let base: any ItemStore
    /// The tenant whose items the view holds.
    public let tenant: String
    private let prefix: String

    /// The longest tenant identifier.
    public static var maximumTenantLength: Int { 64 }

    /// A view of `base` for `tenant`, which must be 1 to 64 letters, digits, `-` or `_`.
    public init(_ base: any ItemStore, tenant: String) throws(ItemStoreError) {
        let allowed = tenant.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_")
        }
        guard !tenant.isEmpty, tenant.utf8.count <= Self.maximumTenantLength, allowed else {
            throw .validation("A tenant is 1 to \(Self.maximumTenantLength) letters, digits, '-' or '_'")
        }
        self.base = base
        self.tenant = tenant
        self.prefix = "TENANT#\(tenant)#"
    }

    /// Puts `item` into the tenant's partition.
    ///
    /// - Throws: whatever the base store throws.
    public func put(_ item: Item, condition: Condition?, returning: ReturnValues) async throws(ItemStoreError) -> Item?
    {
        try await self.base.put(self.scoped(item), condition: condition, returning: returning).map(self.unscoped)
    }

    /// Reads the item at `key` in the tenant's partition.
    ///
    /// - Throws: whatever the base store throws.
    public func get(_ key: ItemKey) async throws(ItemStoreError) -> Item? {
        try await self.base.get(self.scoped(key)).map(self.unscoped)
    }

    /// Deletes the item at `key` in the tenant's partition.
    ///
    /// - Throws: whatever the base store throws.
    public func delete(_ key: ItemKey, condition: Condition?, returning: ReturnValues) async throws(ItemStoreError)
        -> Item?
    {
        try await self.base.delete(self.scoped(key), condition: condition, returning: returning).map(self.unscoped)
    }

    /// Updates the item at `key` in the tenant's partition.
    ///
    /// - Throws: ``ItemStoreError/validation(_:)`` when the update sets `GSI1PK` to anything but a literal string;
    ///   whatever the base store throws.
    public func update(
        _ key: ItemKey,
        _ update: ItemUpdate,
        condition: Condition?,
        returning: ReturnValues
    ) async throws(ItemStoreError) -> Item? {
        let scopedUpdate = try self.scoped(update)
        return try await self.base.update(self.scoped(key), scopedUpdate, condition: condition, returning: returning)
            .map(self.unscoped)
    }

    /// Writes `actions` atomically, every key scoped to the tenant.
    ///
    /// - Throws: as ``update(_:_:condition:returning:)``, and whatever the base store throws.
    public func transactWrite(_ actions: [TransactionAction]) async throws(ItemStoreError) {
        var scopedActions: [TransactionAction] = []
        scopedActions.reserveCapacity(actions.count)
        for action in actions {
            switch action {
            case .put(let item, let condition):
                scopedActions.append(.put(self.scoped(item), condition: condition))
            case .update(let key, let update, let condition):
                scopedActions.append(.update(self.scoped(key), try self.scoped(update), condition: condition))
            case .delete(let key, let condition):
                scopedActions.append(.delete(self.scoped(key), condition: condition))
            case .conditionCheck(let key, let condition):
                scopedActions.append(.conditionCheck(self.scoped(key), condition: condition))
            }
        }
        try await self.base.transactWrite(scopedActions)
    }

    /// Queries a partition of the tenant; the items come back without the tenant prefix.
    ///
    /// - Throws: whatever the base store throws.
    public func query(_ query: ItemQuery) async throws(ItemStoreError) -> QueryPage {
        var scopedQuery = query
        scopedQuery.partition = self.prefix + query.partition
        var page = try await self.base.query(scopedQuery)
        page.items = page.items.map(self.unscoped)
        return page
    }

    private func scoped(_ key: ItemKey) -> ItemKey {
        ItemKey(partition: self.prefix + key.partition, sort: key.sort)
    }

    private func scoped(_ item: Item) -> Item {
        var scoped = item
        for name in [TableSchema.partitionKey, TableSchema.indexPartitionKey] {
            if case .string(let partition)? = item[name] {
                scoped[name] = .string(self.prefix + partition)
            }
        }
        return scoped
    }

    private func scoped(_ update: ItemUpdate) throws(ItemStoreError) -> ItemUpdate {
        guard update.paths.contains(where: { $0.attribute == TableSchema.indexPartitionKey }) else { return update }
        var scoped = ItemUpdate()
        for assignment in update.assignments {
            guard assignment.path.attribute == TableSchema.indexPartitionKey else {
                scoped = scoped.set(assignment.path, assignment.value)
                continue
            }
            guard case .value(.string(let partition)) = assignment.value else {
                throw .validation(
                    "A tenant-scoped store sets \(TableSchema.indexPartitionKey) to a literal string only")
            }
            scoped = scoped.set(assignment.path, to: .string(self.prefix + partition))
        }
        for removal in update.removals { scoped = scoped.remove(removal) }
        for addition in update.additions { scoped = scoped.add(addition.path, addition.value) }
        for deletion in update.deletions { scoped = scoped.delete(deletion.path, elements: deletion.value) }
        return scoped
    }

    private func unscoped(_ item: Item) -> Item {
        var unscoped = item
        for name in [TableSchema.partitionKey, TableSchema.indexPartitionKey] {
            if case .string(let partition)? = item[name], partition.hasPrefix(self.prefix) {
                unscoped[name] = .string(String(partition.dropFirst(self.prefix.count)))
            }
        }
        return unscoped
    }
}
