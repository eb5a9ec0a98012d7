import Cloud
import Testing

extension ItemStoreContract {
    /// Sort keys whose byte order differs from a naive character or case-insensitive order.
    static let sortKeys = [
        "A", "B", "a", "aa", "ab", "b", "é", "ORDER#2026-01-01#1", "ORDER#2026-01-02#2", "ORDER#2026-02-01#3",
    ]

    static func seedPartition(_ store: any ItemStore, _ ns: Namespace) async throws {
        for sortKey in sortKeys.shuffled() {
            try await store.put(ns.item("P", sortKey, ["n": .int(sortKeys.firstIndex(of: sortKey)!)]))
        }
        try await store.put(ns.item("OTHER", "A"))
    }

    static func sortKeysOf(_ page: QueryPage) -> [String] {
        page.items.compactMap { $0.key?.sort }
    }

    /// Reads every page of `query`, following the cursors.
    static func readAll(_ store: any ItemStore, _ query: ItemQuery) async throws -> [Item] {
        var items: [Item] = []
        var query = query
        var pages = 0
        repeat {
            let page = try await store.query(query)
            items += page.items
            query.cursor = page.nextCursor
            pages += 1
            #expect(pages < 100, "paging does not end")
        } while query.cursor != nil && pages < 100
        return items
    }

    static var queryChecks: [Check] {
        [
            Check(name: "a query returns one partition in byte order, either direction") { store, ns in
                try await seedPartition(store, ns)
                let ascending = try await store.query(ItemQuery(partition: ns.key("P").partition))
                let byteOrder = sortKeys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                #expect(sortKeysOf(ascending) == byteOrder)
                #expect(ascending.nextCursor == nil)
                let descending = try await store.query(ItemQuery(partition: ns.key("P").partition, order: .descending))
                #expect(sortKeysOf(descending) == byteOrder.reversed())
            },
            Check(name: "sort-key conditions select what DynamoDB selects") { store, ns in
                try await seedPartition(store, ns)
                let partition = ns.key("P").partition
                let expectations: [(SortKeyCondition, [String])] = [
                    (.equal("aa"), ["aa"]),
                    (.less("a"), ["A", "B", "ORDER#2026-01-01#1", "ORDER#2026-01-02#2", "ORDER#2026-02-01#3"]),
                    (.lessOrEqual("B"), ["A", "B"]),
                    (.greater("ab"), ["b", "é"]),
                    (.greaterOrEqual("ab"), ["ab", "b", "é"]),
                    (.between("ORDER#2026-01-01", "ORDER#2026-01-31"), ["ORDER#2026-01-01#1", "ORDER#2026-01-02#2"]),
                    (.beginsWith("ORDER#2026-01"), ["ORDER#2026-01-01#1", "ORDER#2026-01-02#2"]),
                    (.beginsWith("a"), ["a", "aa", "ab"]),
                    (.beginsWith("z"), []),
                ]
                for (condition, expected) in expectations {
                    let page = try await store.query(ItemQuery(partition: partition, sortKey: condition))
                    #expect(sortKeysOf(page) == expected, "\(condition)")
                }
                let latest = try await store.query(
                    ItemQuery(partition: partition, sortKey: .beginsWith("ORDER#"), order: .descending, limit: 1))
                #expect(sortKeysOf(latest) == ["ORDER#2026-02-01#3"])
            },
            Check(name: "limit and cursor page through every item exactly once, either direction") { store, ns in
                try await seedPartition(store, ns)
                let partition = ns.key("P").partition
                let byteOrder = sortKeys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                for limit in [1, 3, 10] {
                    let forward = try await readAll(store, ItemQuery(partition: partition, limit: limit))
                    #expect(forward.compactMap { $0.key?.sort } == byteOrder, "limit \(limit)")
                    let backward = try await readAll(
                        store, ItemQuery(partition: partition, order: .descending, limit: limit))
                    #expect(backward.compactMap { $0.key?.sort } == byteOrder.reversed(), "limit \(limit)")
                }
                let first = try await store.query(ItemQuery(partition: partition, limit: 4))
                #expect(first.items.count == 4)
                #expect(first.nextCursor != nil)
                await expectStoreError {
                    _ = try await store.query(ItemQuery(partition: partition, limit: 0))
                } matches: {
                    $0.isValidation
                }
            },
            Check(name: "a filter applies after the limit, as in DynamoDB") { store, ns in
                try await seedPartition(store, ns)
                let page = try await store.query(
                    ItemQuery(
                        partition: ns.key("P").partition, limit: 4, filter: .compare("n", .greaterOrEqual, .int(2))))
                #expect(page.scannedCount == 4)
                #expect(page.items.allSatisfy { ($0["n"]?.intValue ?? -1) >= 2 })
                #expect(page.items.count < 4)
                let all = try await readAll(
                    store,
                    ItemQuery(
                        partition: ns.key("P").partition, limit: 4, filter: .compare("n", .greaterOrEqual, .int(2))))
                #expect(all.count == sortKeys.count - 2)
            },
            Check(name: "a cursor is refused by another partition, and garbage is refused") { store, ns in
                try await seedPartition(store, ns)
                let page = try await store.query(ItemQuery(partition: ns.key("P").partition, limit: 2))
                let cursor = try #require(page.nextCursor)
                await expectStoreError {
                    _ = try await store.query(ItemQuery(partition: ns.key("OTHER").partition, limit: 2, cursor: cursor))
                } matches: {
                    $0 == .invalidCursor
                }
                await expectStoreError {
                    _ = try await store.query(ItemQuery(index: .gsi1, partition: ns.key("P").partition, cursor: cursor))
                } matches: {
                    $0 == .invalidCursor
                }
                for garbage in ["", "not-a-cursor", String(repeating: "A", count: 20_000), cursor.token + "x"] {
                    await expectStoreError(Comment(rawValue: garbage.prefix(20).description)) {
                        _ = try await store.query(
                            ItemQuery(partition: ns.key("P").partition, cursor: QueryCursor(token: garbage)))
                    } matches: {
                        $0 == .invalidCursor
                    }
                }
            },
        ]
    }

    static var indexChecks: [Check] {
        [
            Check(name: "GSI1 lists a user's orders newest first across partitions, and pages through ties") {
                store, ns in
                let user = "\(ns.prefix)#USER#alice"
                let dates = ["2026-01-03", "2026-01-01", "2026-01-02", "2026-01-02"]
                for (index, date) in dates.enumerated() {
                    try await store.put(
                        ns.item(
                            "ORDER#\(index)", "DETAILS",
                            [
                                "GSI1PK": .string(user), "GSI1SK": .string("ORDER#\(date)"),
                            ]))
                }
                try await store.put(
                    ns.item(
                        "ORDER#bob", "DETAILS",
                        ["GSI1PK": .string("\(ns.prefix)#USER#bob"), "GSI1SK": "ORDER#2026-01-05"]))
                try await store.put(ns.item("ORDER#noindex", "DETAILS", ["GSI1PK": .string(user)]))
                let newest = try await readAll(
                    store, ItemQuery(index: .gsi1, partition: user, order: .descending, limit: 1))
                #expect(
                    newest.compactMap { $0["GSI1SK"]?.stringValue }
                        == ["ORDER#2026-01-03", "ORDER#2026-01-02", "ORDER#2026-01-02", "ORDER#2026-01-01"])
                #expect(Set(newest.compactMap(\.key)).count == 4, "ties are neither repeated nor skipped")
                let january2 = try await store.query(
                    ItemQuery(index: .gsi1, partition: user, sortKey: .equal("ORDER#2026-01-02")))
                #expect(january2.items.count == 2)
            },
            Check(name: "updates move items in the index, and out of it or out of sight") { store, ns in
                let user = "\(ns.prefix)#USER#carol"
                for number in 1...3 {
                    try await store.put(
                        ns.item(
                            "ORDER#\(number)", "DETAILS",
                            [
                                "GSI1PK": .string(user), "GSI1SK": .string("ORDER#2026-01-0\(number)"),
                            ]))
                }
                try await store.update(ns.key("ORDER#1"), ItemUpdate().set("GSI1SK", to: "ORDER#2026-01-09"))
                try await store.update(ns.key("ORDER#2"), ItemUpdate().remove("GSI1SK"))
                try await store.update(
                    ns.key("ORDER#3"), ItemUpdate().set("expiresAt", to: .int(Int(SystemTime.nowSeconds) - 1)))
                let listed = try await store.query(ItemQuery(index: .gsi1, partition: user))
                #expect(listed.items.compactMap { $0["GSI1SK"]?.stringValue } == ["ORDER#2026-01-09"])
                try await store.transactWrite([
                    .update(ns.key("ORDER#2"), ItemUpdate().set("GSI1SK", to: "ORDER#2026-01-01"))
                ])
                let again = try await store.query(ItemQuery(index: .gsi1, partition: user))
                #expect(
                    again.items.compactMap { $0.key?.partition } == [
                        ns.key("ORDER#2").partition, ns.key("ORDER#1").partition,
                    ])
            },
        ]
    }
}
