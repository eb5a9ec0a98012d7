import Cloud
import Testing

extension ItemStoreContract {
    static var conditionChecks: [Check] {
        [
            Check(name: "conditions compare numbers numerically, strings by bytes, and never across types") {
                store, ns in
                let item = ns.item(
                    "A", "DETAILS",
                    [
                        "n": .int(10), "s": "b", "status": "PENDING", "deleted": false, "blob": .binary([1, 2]),
                    ])
                try await store.put(item)
                let holding: [Condition] = [
                    .compare("n", .greater, .int(9)),
                    .compare("n", .greaterOrEqual, .int(10)),
                    .compare("n", .lessOrEqual, .number(DecimalNumber("10.0")!)),
                    .compare("n", .notEqual, "10"),
                    .compare("s", .less, "ba"),
                    .compare("s", .greater, "B"),
                    .between(.path("n"), low: .value(.int(1)), high: .value(.int(10))),
                    .beginsWith("status", "PEND"),
                    .isIn(.path("status"), [.value("CONFIRMED"), .value("PENDING")]),
                    .attributeExists("deleted") && .equal("deleted", false),
                    .attributeExists("nope") || .attributeNotExists("nope"),
                    !.equal("status", "SHIPPED"),
                    .compare(.path("n"), .greater, .path("missing")) || .equal("n", .int(10)),
                ]
                for (index, condition) in holding.enumerated() {
                    try await store.update(
                        ns.key("A"), ItemUpdate().set("checked", to: .int(index)), condition: condition)
                }
                let failing: [Condition] = [
                    .compare("n", .greater, "9"),
                    .compare("n", .less, .int(9)),
                    .compare("s", .greater, .int(1)),
                    .beginsWith("n", "1"),
                    .between(.path("n"), low: .value(.int(11)), high: .value(.int(20))),
                    .isIn(.path("status"), [.value("SHIPPED")]),
                    .attributeNotExists("status"),
                    .equal("missing", .null),
                    .attributeExists("deleted") && .equal("deleted", true),
                ]
                for condition in failing {
                    await expectStoreError("\(condition)") {
                        try await store.update(ns.key("A"), ItemUpdate().set("checked", to: "no"), condition: condition)
                    } matches: {
                        $0.isConditionalCheckFailed
                    }
                }
                #expect(try await store.get(ns.key("A"))?["checked"] == .int(holding.count - 1))
            },
            Check(name: "a condition on an absent item sees no attributes") { store, ns in
                await expectStoreError {
                    try await store.update(
                        ns.key("A"), ItemUpdate().set("a", to: .int(1)), condition: .attributeExists("PK"))
                } matches: {
                    $0 == .conditionalCheckFailed(existingItem: nil)
                }
                #expect(try await store.get(ns.key("A")) == nil)
                try await store.put(ns.item("A"), condition: .attributeNotExists("PK") && !.equal("status", "x"))
            },
        ]
    }
}
