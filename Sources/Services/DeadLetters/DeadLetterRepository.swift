package import Cloud

/// Dead letters over the store: recorded once per message ID, found by ID, listed newest first (all of them or
/// those of one source queue), and marked redriven.
package struct DeadLetterRepository: Sendable {
    /// Where the dead letters are kept.
    package let store: any ItemStore
    /// The time redrives are stamped with.
    package let clock: any Clock

    /// Dead letters in `store`, stamped with `clock`'s time.
    package init(store: any ItemStore, clock: any Clock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// Writes `deadLetter` unless one with its message ID is there already; `true` when it was new.
    func record(_ deadLetter: DeadLetter) async throws(ItemStoreError) -> Bool {
        do {
            try await self.store.put(
                deadLetter.item, condition: .attributeNotExists(AttributePath(TableSchema.partitionKey)))
            return true
        } catch .conditionalCheckFailed {
            return false
        }
    }

    /// The dead letter of the message `messageID`, if there is one.
    package func find(_ messageID: String) async throws(ItemStoreError) -> DeadLetter? {
        try await self.store.get(DeadLetter.key(messageID: messageID)).flatMap(DeadLetter.init(item:))
    }

    /// One page of dead letters, newest first: those of `sourceQueue`, or all when it is `nil`.
    /// - Throws: ``ItemStoreError/invalidCursor`` for a cursor no listing gave out.
    package func list(
        sourceQueue: String?, limit: Int, cursor: QueryCursor?
    ) async throws(ItemStoreError) -> (deadLetters: [DeadLetter], nextCursor: QueryCursor?) {
        let page = try await self.store.query(
            ItemQuery(
                index: .gsi1, partition: DeadLetter.indexPartition, order: .descending, limit: limit,
                cursor: cursor,
                filter: sourceQueue.map { .equal(AttributePath("sourceQueue"), .string($0)) }))
        return (page.items.compactMap(DeadLetter.init(item:)), page.nextCursor)
    }

    /// Every dead letter, newest first: those of `sourceQueue`, or all when it is `nil`.
    package func all(sourceQueue: String?) async throws(ItemStoreError) -> [DeadLetter] {
        var deadLetters: [DeadLetter] = []
        var cursor: QueryCursor?
        repeat {
            let page = try await self.list(sourceQueue: sourceQueue, limit: 100, cursor: cursor)
            deadLetters += page.deadLetters
            cursor = page.nextCursor
        } while cursor != nil
        return deadLetters
    }

    /// Marks the dead letter of `messageID` redriven now.
    package func markRedriven(_ messageID: String) async throws(ItemStoreError) {
        try await self.store.update(
            DeadLetter.key(messageID: messageID),
            ItemUpdate().set("status", to: .string(DeadLetterStatus.redriven.rawValue))
                .set("redrivenAt", to: .string(self.clock.nowISO8601)),
            condition: .attributeExists(AttributePath(TableSchema.partitionKey)))
    }
}
