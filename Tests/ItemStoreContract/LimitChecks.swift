import Cloud
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ItemStoreContract {
    static var limitChecks: [Check] {
        [
            Check(name: "an item past its expiresAt is invisible to reads, queries and conditions") { store, ns in
                let now = Int(SystemTime.nowSeconds)
                try await store.put(ns.item("T", "old", ["expiresAt": .int(now - 60)]))
                try await store.put(ns.item("T", "new", ["expiresAt": .int(now + 3600)]))
                #expect(try await store.get(ns.key("T", "old")) == nil)
                #expect(try await store.get(ns.key("T", "new")) != nil)
                let page = try await store.query(ItemQuery(partition: ns.key("T").partition))
                #expect(sortKeysOf(page) == ["new"])
                try await store.put(ns.item("T", "old", ["fresh": true]), condition: .attributeNotExists("PK"))
                #expect(try await store.get(ns.key("T", "old"))?["fresh"] == true)
            },
            Check(name: "an expired item is no item to updates and transactions, and uses up no query limit") {
                store, ns in
                let past = AttributeValue.int(Int(SystemTime.nowSeconds) - 60)
                try await store.put(ns.item("U", "DETAILS", ["expiresAt": past, "stale": true, "n": .int(7)]))
                let updated = try await store.update(
                    ns.key("U"), ItemUpdate().add("n", .int(1)), condition: .attributeNotExists("PK"))
                #expect(updated == ns.item("U", "DETAILS", ["n": .int(1)]), "the update starts from no item")
                try await store.put(ns.item("X", "DETAILS", ["expiresAt": past, "stale": true]))
                try await store.transactWrite([.update(ns.key("X"), ItemUpdate().set("fresh", to: true))])
                #expect(try await store.get(ns.key("X")) == ns.item("X", "DETAILS", ["fresh": true]))
                try await store.put(ns.item("Y", "DETAILS", ["expiresAt": past]))
                let error = await expectStoreError {
                    try await store.transactWrite([.conditionCheck(ns.key("Y"), condition: .attributeExists("PK"))])
                } matches: {
                    if case .transactionCanceled = $0 { true } else { false }
                }
                #expect(error == .transactionCanceled(reasons: [.conditionalCheckFailed(existingItem: nil)]))
                for sortKey in ["a", "b", "c", "d"] {
                    try await store.put(ns.item("Q", sortKey, ["expiresAt": past]))
                }
                try await store.put(ns.item("Q", "e"))
                try await store.put(ns.item("Q", "f"))
                let page = try await store.query(ItemQuery(partition: ns.key("Q").partition, limit: 1))
                #expect(sortKeysOf(page) == ["e"], "expired items are not read into a page")
                #expect(page.scannedCount == 1)
            },
            Check(name: "items over 400 KB are refused; just under is stored") { store, ns in
                let big = String(repeating: "x", count: 410 * 1024)
                await expectStoreError {
                    try await store.put(ns.item("A", "DETAILS", ["blob": .string(big)]))
                } matches: {
                    if case .itemTooLarge = $0 { true } else { false }
                }
                #expect(try await store.get(ns.key("A")) == nil)
                let fits = String(repeating: "y", count: 399 * 1024)
                try await store.put(ns.item("A", "DETAILS", ["blob": .string(fits)]))
                #expect(try await store.get(ns.key("A"))?["blob"]?.stringValue?.utf8.count == fits.utf8.count)
                await expectStoreError {
                    try await store.update(
                        ns.key("A"), ItemUpdate().set("more", to: .string(String(repeating: "z", count: 4 * 1024))))
                } matches: {
                    if case .itemTooLarge = $0 { true } else { false }
                }
            },
        ]
    }
}

/// The system clock in seconds, for TTL values.
enum SystemTime {
    static var nowSeconds: Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec)
    }
}
