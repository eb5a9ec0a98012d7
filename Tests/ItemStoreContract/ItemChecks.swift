import Cloud
import Testing

extension ItemStoreContract {
    static let everyType: [String: AttributeValue] = [
        "text": "héllo ✓",
        "money": .int(1999),
        "exact": .number(DecimalNumber("12345678901234567890.123456789")!),
        "negative": .number(DecimalNumber("-0.000001")!),
        "bytes": .binary([0, 1, 2, 255]),
        "yes": true,
        "nothing": .null,
        "list": ["a", .int(1), ["nested": true]],
        "map": ["inner": ["deep": "value"], "count": .int(2)],
        "tags": .stringSet(["red", "blue"]),
        "scores": .numberSet([DecimalNumber(1), DecimalNumber("2.5")!]),
    ]

    static var itemChecks: [Check] {
        [
            Check(name: "put then get returns every attribute type exactly") { store, ns in
                let item = ns.item("A", "DETAILS", everyType)
                try await store.put(item)
                let read = try await store.get(ns.key("A"))
                #expect(read == item)
                #expect(read?["exact"]?.numberValue?.description == "12345678901234567890.123456789")
            },
            Check(name: "get of an absent item is nil") { store, ns in
                let missing = try await store.get(ns.key("missing"))
                #expect(missing == nil)
            },
            Check(name: "put replaces the whole item") { store, ns in
                try await store.put(ns.item("A", "DETAILS", ["old": "x", "kept": .int(1)]))
                try await store.put(ns.item("A", "DETAILS", ["kept": .int(2)]))
                #expect(try await store.get(ns.key("A")) == ns.item("A", "DETAILS", ["kept": .int(2)]))
            },
            Check(name: "put returns the old item when asked") { store, ns in
                let nothing = try await store.put(ns.item("A"), condition: nil, returning: .allOld)
                #expect(nothing == nil)
                let old = try await store.put(
                    ns.item("A", "DETAILS", ["v": .int(2)]), condition: nil, returning: .allOld)
                #expect(old == ns.item("A"))
            },
            Check(name: "a create-only put fails on an existing item and reports it") { store, ns in
                let first = ns.item("A", "DETAILS", ["owner": "alice"])
                try await store.put(first, condition: .attributeNotExists("PK"))
                let error = await expectStoreError {
                    try await store.put(
                        ns.item("A", "DETAILS", ["owner": "mallory"]), condition: .attributeNotExists("PK"))
                } matches: {
                    $0.isConditionalCheckFailed
                }
                #expect(error == .conditionalCheckFailed(existingItem: first))
                #expect(try await store.get(ns.key("A")) == first)
            },
            Check(name: "delete removes the item; deleting an absent item is fine") { store, ns in
                try await store.put(ns.item("A"))
                try await store.delete(ns.key("A"))
                #expect(try await store.get(ns.key("A")) == nil)
                try await store.delete(ns.key("A"))
            },
            Check(name: "a conditional delete keeps the item when the condition fails") { store, ns in
                try await store.put(ns.item("A", "DETAILS", ["status": "SHIPPED"]))
                await expectStoreError {
                    try await store.delete(ns.key("A"), condition: .equal("status", "PENDING"))
                } matches: {
                    $0.isConditionalCheckFailed
                }
                #expect(try await store.get(ns.key("A")) != nil)
                let old = try await store.delete(
                    ns.key("A"), condition: .equal("status", "SHIPPED"), returning: .allOld)
                #expect(old?["status"] == "SHIPPED")
            },
            Check(name: "items without a string PK and SK are refused") { store, ns in
                await expectStoreError {
                    try await store.put(["PK": "only-partition"])
                } matches: {
                    $0.isValidation
                }
                await expectStoreError {
                    try await store.put(["PK": .string(ns.prefix), "SK": .int(1)])
                } matches: {
                    $0.isValidation
                }
                await expectStoreError {
                    try await store.put(["PK": "", "SK": "x"])
                } matches: {
                    $0.isValidation
                }
                await expectStoreError {
                    try await store.put(ns.item("A", "DETAILS", ["GSI1PK": .int(3)]))
                } matches: {
                    $0.isValidation
                }
                await expectStoreError {
                    try await store.put(ns.item("A", "DETAILS", ["empty": .stringSet([])]))
                } matches: {
                    $0.isValidation
                }
            },
        ]
    }
}
