import Cloud
import Testing

extension ItemStoreContract {
    static var updateChecks: [Check] {
        [
            Check(name: "update creates an absent item (upsert)") { store, ns in
                let new = try await store.update(ns.key("A"), ItemUpdate().set("status", to: "PENDING"))
                #expect(new == ns.item("A", "DETAILS", ["status": "PENDING"]))
                #expect(try await store.get(ns.key("A")) == new)
            },
            Check(name: "SET writes values, nested paths, arithmetic, if_not_exists and list_append") { store, ns in
                try await store.put(
                    ns.item(
                        "A", "DETAILS",
                        [
                            "count": .int(10), "profile": ["name": "Ada"], "log": ["created"],
                        ]))
                let new = try await store.update(
                    ns.key("A"),
                    ItemUpdate()
                        .set("count", .sum(.path("count"), .value(.int(5))))
                        .set(AttributePath("profile").key("phone"), to: "+4915112345678")
                        .set("createdAt", .ifNotExists("createdAt", "2026-11-22T00:00:00Z"))
                        .set("log", .listAppend(.path("log"), .value(["confirmed"])))
                        .set("remaining", .difference(.value(.int(100)), .path("count")))
                )
                #expect(new["count"] == .int(15))
                #expect(new["remaining"] == .int(90), "operands read the item as it was before the update")
                #expect(new["profile"] == ["name": "Ada", "phone": "+4915112345678"])
                #expect(new["createdAt"] == "2026-11-22T00:00:00Z")
                #expect(new["log"] == ["created", "confirmed"])
                let again = try await store.update(
                    ns.key("A"), ItemUpdate().set("createdAt", .ifNotExists("createdAt", "later")))
                #expect(again["createdAt"] == "2026-11-22T00:00:00Z")
            },
            Check(name: "ADD counts and unions, REMOVE drops, DELETE takes from sets") { store, ns in
                try await store.put(ns.item("A", "DETAILS", ["tags": .stringSet(["a", "b"]), "note": "x"]))
                let new = try await store.update(
                    ns.key("A"),
                    ItemUpdate().add("visits", .int(1)).add("tags", .stringSet(["c"])).remove("note")
                )
                #expect(new["visits"] == .int(1))
                #expect(new["tags"] == .stringSet(["a", "b", "c"]))
                #expect(new["note"] == nil)
                let after = try await store.update(
                    ns.key("A"),
                    ItemUpdate().add("visits", .number(DecimalNumber("0.5")!)).delete(
                        "tags", elements: .stringSet(["a", "b", "c"]))
                )
                #expect(after["visits"] == .number(DecimalNumber("1.5")!))
                #expect(after["tags"] == nil, "a set emptied by DELETE disappears")
            },
            Check(name: "update returns old or new values, whole or only the updated attributes") { store, ns in
                try await store.put(ns.item("A", "DETAILS", ["a": .int(1), "b": .int(1)]))
                let update = ItemUpdate().set("a", to: .int(2))
                let allOld = try await store.update(ns.key("A"), update, condition: nil, returning: .allOld)
                #expect(allOld == ns.item("A", "DETAILS", ["a": .int(1), "b": .int(1)]))
                let updatedOld = try await store.update(
                    ns.key("A"), ItemUpdate().set("a", to: .int(3)), condition: nil, returning: .updatedOld)
                #expect(updatedOld == ["a": .int(2)])
                let updatedNew = try await store.update(
                    ns.key("A"), ItemUpdate().set("a", to: .int(4)), condition: nil, returning: .updatedNew)
                #expect(updatedNew == ["a": .int(4)])
                let none = try await store.update(
                    ns.key("A"), ItemUpdate().set("a", to: .int(5)), condition: nil, returning: .none)
                #expect(none == nil)
            },
            Check(name: "updates that DynamoDB rejects are validation errors and change nothing") { store, ns in
                try await store.put(ns.item("A", "DETAILS", ["name": "x", "count": .int(1)]))
                let rejected: [ItemUpdate] = [
                    ItemUpdate().set("SK", to: "OTHER"),
                    ItemUpdate().add("name", .int(1)),
                    ItemUpdate().set("count", .sum(.path("missing"), .value(.int(1)))),
                    ItemUpdate().set("count", .sum(.path("name"), .value(.int(1)))),
                    ItemUpdate().set("count", to: .int(2)).remove("count"),
                    ItemUpdate().set(AttributePath("nowhere").key("deep"), to: "x"),
                    ItemUpdate(),
                ]
                for update in rejected {
                    await expectStoreError("\(update)") {
                        try await store.update(ns.key("A"), update)
                    } matches: {
                        $0.isValidation
                    }
                }
                #expect(try await store.get(ns.key("A")) == ns.item("A", "DETAILS", ["name": "x", "count": .int(1)]))
            },
            Check(name: "optimistic locking: only the writer holding the current version wins") { store, ns in
                try await store.put(ns.item("A", "DETAILS", ["version": .int(1)]))
                let bump = ItemUpdate().set("version", .sum(.path("version"), .value(.int(1))))
                try await store.update(ns.key("A"), bump, condition: .equal("version", .int(1)))
                await expectStoreError {
                    try await store.update(ns.key("A"), bump, condition: .equal("version", .int(1)))
                } matches: {
                    $0.isConditionalCheckFailed
                }
                #expect(try await store.get(ns.key("A"))?["version"] == .int(2))
            },
        ]
    }
}
