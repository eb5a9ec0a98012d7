import Cloud
import Testing

extension ItemStoreContract {
    static var tenancyChecks: [Check] {
        [
            Check(name: "a tenant-scoped view cannot see or touch another tenant's items") { store, ns in
                let acme = try TenantScopedItemStore(store, tenant: "acme-\(ns.prefix.suffix(8))")
                let globex = try TenantScopedItemStore(store, tenant: "globex-\(ns.prefix.suffix(8))")
                let submission: Item = [
                    "PK": "SUBMISSION#1", "SK": "DETAILS", "GSI1PK": "SUBMISSIONS", "GSI1SK": "2026-11-22#1",
                ]
                try await acme.put(submission)
                #expect(
                    try await acme.get(ItemKey(partition: "SUBMISSION#1", sort: "DETAILS")) == submission,
                    "the tenant sees its own keys unprefixed")
                #expect(try await globex.get(ItemKey(partition: "SUBMISSION#1", sort: "DETAILS")) == nil)
                #expect(try await globex.query(ItemQuery(index: .gsi1, partition: "SUBMISSIONS")).items.isEmpty)
                let stored = try await store.get(
                    ItemKey(partition: "TENANT#\(acme.tenant)#SUBMISSION#1", sort: "DETAILS"))
                #expect(stored?["GSI1PK"] == .string("TENANT#\(acme.tenant)#SUBMISSIONS"))
                // Writing "the same" key from another tenant creates that tenant's own item.
                try await globex.put(submission, condition: .attributeNotExists("PK"))
                try await globex.update(
                    ItemKey(partition: "SUBMISSION#1", sort: "DETAILS"), ItemUpdate().set("seen", to: true))
                #expect(try await acme.get(ItemKey(partition: "SUBMISSION#1", sort: "DETAILS"))?["seen"] == nil)
                try await acme.put([
                    "PK": "SUBMISSION#2", "SK": "DETAILS", "GSI1PK": "SUBMISSIONS", "GSI1SK": "2026-11-22#2",
                ])
                let page = try await acme.query(ItemQuery(index: .gsi1, partition: "SUBMISSIONS", limit: 1))
                #expect(page.items.first?["PK"] == "SUBMISSION#1")
                let cursor = try #require(page.nextCursor)
                await expectStoreError {
                    _ = try await globex.query(ItemQuery(index: .gsi1, partition: "SUBMISSIONS", cursor: cursor))
                } matches: {
                    $0 == .invalidCursor
                }
                try await acme.transactWrite([.delete(ItemKey(partition: "SUBMISSION#1", sort: "DETAILS"))])
                #expect(try await globex.get(ItemKey(partition: "SUBMISSION#1", sort: "DETAILS")) != nil)
                for bad in ["", "a#b", String(repeating: "t", count: 65), "tenant with spaces"] {
                    #expect(throws: ItemStoreError.self) { try TenantScopedItemStore(store, tenant: bad) }
                }
            }
        ]
    }
}
