import Cloud
import Testing

extension ItemStoreContract {
    static var concurrencyChecks: [Check] {
        [
            Check(name: "of concurrent create-only puts exactly one wins") { store, ns in
                let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for writer in 0..<20 {
                        group.addTask {
                            do {
                                try await store.put(
                                    ns.item("A", "DETAILS", ["writer": .int(writer)]),
                                    condition: .attributeNotExists("PK"))
                                return true
                            } catch let error as ItemStoreError where error.isConditionalCheckFailed {
                                return false
                            }
                        }
                    }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                #expect(winners == 1)
            },
            Check(name: "concurrent ADDs all count") { store, ns in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<50 {
                        group.addTask { try await store.update(ns.key("counter"), ItemUpdate().add("hits", .int(1))) }
                    }
                    try await group.waitForAll()
                }
                #expect(try await store.get(ns.key("counter"))?["hits"] == .int(50))
            },
            Check(name: "concurrent optimistic updates of one version: one wins, the others see a conflict") {
                store, ns in
                try await store.put(ns.item("A", "DETAILS", ["version": .int(1)]))
                let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for writer in 0..<10 {
                        group.addTask {
                            do {
                                try await store.update(
                                    ns.key("A"),
                                    ItemUpdate().set("version", to: .int(2)).set("writer", to: .int(writer)),
                                    condition: .equal("version", .int(1)))
                                return true
                            } catch let error as ItemStoreError where error.isConditionalCheckFailed {
                                return false
                            }
                        }
                    }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                #expect(winners == 1)
            },
        ]
    }
}
