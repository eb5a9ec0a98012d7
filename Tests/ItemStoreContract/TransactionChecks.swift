import Cloud
import Testing

extension ItemStoreContract {
    static var transactionChecks: [Check] {
        [
            Check(name: "a transaction writes every action") { store, ns in
                try await store.put(ns.item("B", "DETAILS", ["stock": .int(5)]))
                try await store.put(ns.item("C"))
                try await store.put(ns.item("E"))
                try await store.transactWrite([
                    .put(ns.item("A", "DETAILS", ["status": "PENDING"]), condition: .attributeNotExists("PK")),
                    .update(
                        ns.key("B"), ItemUpdate().add("stock", .int(-2)),
                        condition: .compare("stock", .greaterOrEqual, .int(2))),
                    .delete(ns.key("C")),
                    .conditionCheck(ns.key("E"), condition: .attributeExists("PK")),
                ])
                #expect(try await store.get(ns.key("A"))?["status"] == "PENDING")
                #expect(try await store.get(ns.key("B"))?["stock"] == .int(3))
                #expect(try await store.get(ns.key("C")) == nil)
            },
            Check(name: "a failed condition cancels the whole transaction and names the action") { store, ns in
                try await store.put(ns.item("B", "DETAILS", ["stock": .int(1)]))
                try await store.put(ns.item("C"))
                let error = await expectStoreError {
                    try await store.transactWrite([
                        .put(ns.item("A")),
                        .update(
                            ns.key("B"), ItemUpdate().add("stock", .int(-2)),
                            condition: .compare("stock", .greaterOrEqual, .int(2))),
                        .delete(ns.key("C")),
                    ])
                } matches: {
                    if case .transactionCanceled = $0 { true } else { false }
                }
                guard case .transactionCanceled(let reasons)? = error else { return }
                #expect(reasons.map(\.code) == ["None", "ConditionalCheckFailed", "None"])
                #expect(
                    reasons[1] == .conditionalCheckFailed(existingItem: ns.item("B", "DETAILS", ["stock": .int(1)])))
                #expect(try await store.get(ns.key("A")) == nil, "nothing of a cancelled transaction is written")
                #expect(try await store.get(ns.key("B"))?["stock"] == .int(1))
                #expect(try await store.get(ns.key("C")) != nil)
            },
            Check(name: "a transaction holds 1 to 100 actions on distinct items") { store, ns in
                let hundred = (0..<100).map { TransactionAction.put(ns.item("P\($0)")) }
                try await store.transactWrite(hundred)
                #expect(try await store.get(ns.key("P99")) != nil)
                let tooMany = (0..<101).map { TransactionAction.put(ns.item("Q\($0)")) }
                await expectStoreError {
                    try await store.transactWrite(tooMany)
                } matches: {
                    $0.isValidation
                }
                #expect(try await store.get(ns.key("Q0")) == nil)
                await expectStoreError {
                    try await store.transactWrite([])
                } matches: {
                    $0.isValidation
                }
                await expectStoreError {
                    try await store.transactWrite([.put(ns.item("D")), .delete(ns.key("D"))])
                } matches: {
                    $0.isValidation
                }
                #expect(try await store.get(ns.key("D")) == nil)
            },
        ]
    }
}
