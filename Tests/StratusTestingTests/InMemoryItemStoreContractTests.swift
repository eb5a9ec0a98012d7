import Cloud
import ItemStoreContract
import StratusTesting
import Testing

/// The `ItemStore` contract, run on the in-memory store: each check gets a store of its own, and one store runs
/// them all.
@Suite struct InMemoryItemStoreContractTests {
    @Test(arguments: ItemStoreContract.checks)
    func contract(_ check: ItemStoreContract.Check) async throws {
        try await check.run(InMemoryItemStore())
    }

    @Test func oneSharedStoreRunsEveryCheckToo() async throws {
        let store = InMemoryItemStore()
        for check in ItemStoreContract.checks {
            try await check.run(store)
        }
    }
}
