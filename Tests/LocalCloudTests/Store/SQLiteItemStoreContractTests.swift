import Cloud
import Foundation
import ItemStoreContract
import LocalCloud
import StratusTesting
import Testing

/// The `ItemStore` contract, run on the SQLite store: each check gets a store in a fresh file.
@Suite struct SQLiteItemStoreContractTests {
    @Test(arguments: ItemStoreContract.checks)
    func contract(_ check: ItemStoreContract.Check) async throws {
        let directory = try TemporaryDirectory()
        try await check.run(SQLiteItemStore(path: directory.path("store.sqlite")))
    }

    @Test func oneSharedStoreRunsEveryCheckToo() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteItemStore(path: directory.path("store.sqlite"))
        for check in ItemStoreContract.checks {
            try await check.run(store)
        }
    }
}
