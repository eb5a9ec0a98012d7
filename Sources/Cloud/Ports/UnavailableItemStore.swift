/// A store that refuses every operation with one reason: the stand-in where no adapter is configured.
public struct UnavailableItemStore: ItemStore {
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public func put(_ item: Item, condition: Condition?, returning: ReturnValues) throws(ItemStoreError) -> Item? {
        throw .unavailable(self.reason)
    }

    public func get(_ key: ItemKey) throws(ItemStoreError) -> Item? {
        throw .unavailable(self.reason)
    }

    public func delete(_ key: ItemKey, condition: Condition?, returning: ReturnValues) throws(ItemStoreError) -> Item? {
        throw .unavailable(self.reason)
    }

    public func update(
        _ key: ItemKey,
        _ update: ItemUpdate,
        condition: Condition?,
        returning: ReturnValues
    ) throws(ItemStoreError) -> Item? {
        throw .unavailable(self.reason)
    }

    public func transactWrite(_ actions: [TransactionAction]) throws(ItemStoreError) {
        throw .unavailable(self.reason)
    }

    public func query(_ query: ItemQuery) throws(ItemStoreError) -> QueryPage {
        throw .unavailable(self.reason)
    }
}
