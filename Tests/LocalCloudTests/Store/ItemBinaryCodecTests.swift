import Cloud
import LocalCloud
import Testing

@Suite struct ItemBinaryCodecTests {
    @Test func everyTypeRoundTrips() {
        let item: Item = [
            "PK": "ORDER#1", "SK": "DETAILS", "total": .number(DecimalNumber("-12345678901234567890.5")!),
            "blob": .binary(Array(0...255)), "flags": [true, false, nil], "nested": ["a": ["b": ["c": "d"]]],
            "tags": .stringSet(["x", "ÿ"]), "scores": .numberSet([DecimalNumber(3), DecimalNumber("0.25")!]),
            "long": .string(String(repeating: "é", count: 70_000)),
        ]
        let bytes = ItemBinaryCodec.encode(item)
        #expect(bytes.withUnsafeBytes { ItemBinaryCodec.decode($0) } == item)
    }

    /// An item `{"PK": ..., "n": [[...[null]...]]}` with `depth` nested lists, written byte by byte as a forger would.
    static func nestedLists(_ depth: Int) -> [UInt8] {
        let list = ItemBinaryTag.list
        let null = ItemBinaryTag.null
        return [2, 2] + Array("PK".utf8) + [ItemBinaryTag.string, 1, UInt8(ascii: "A"), 1, UInt8(ascii: "n")]
            + Array(repeating: [list, 1], count: depth).flatMap { $0 } + [null]
    }

    enum ItemBinaryTag {
        static let string: UInt8 = 1, null: UInt8 = 6, list: UInt8 = 7
    }

    @Test func listsNestedDeeperThanDynamoDBAllowsAreRejectedNotRecursedInto() throws {
        let deepest = Self.nestedLists(TableSchema.maximumNestingDepth)
        #expect(deepest.withUnsafeBytes { ItemBinaryCodec.decode($0) } != nil)
        #expect(try #require(Item(encoded: deepest))["n"] != nil)
        // About what an 8 KB cursor holds: thousands of levels, which would overflow the stack if followed.
        for depth in [TableSchema.maximumNestingDepth + 1, 3_000, 100_000] {
            let forged = Self.nestedLists(depth)
            #expect(forged.withUnsafeBytes { ItemBinaryCodec.decode($0) } == nil, "\(depth) levels")
            #expect(Item(encoded: forged)?["n"] == nil, "\(depth) levels")
        }
    }

    @Test func anItemNestedDeeperThan32LevelsIsNotStored() throws {
        func nested(_ depth: Int) -> Item {
            var value: AttributeValue = .null
            for level in 0..<depth { value = level.isMultiple(of: 2) ? .list([value]) : .map(["m": value]) }
            return ["PK": "A", "SK": "B", "n": value]
        }
        _ = try nested(TableSchema.maximumNestingDepth).validatedSize()
        #expect(throws: ItemStoreError.self) { try nested(TableSchema.maximumNestingDepth + 1).validatedSize() }
    }

    @Test func truncatedOrForeignBytesAreRejectedNotMisread() {
        let bytes = ItemBinaryCodec.encode(["PK": "A", "SK": "B", "list": ["x", .int(1)]])
        for length in 0..<bytes.count {
            #expect(bytes[..<length].withUnsafeBytes { ItemBinaryCodec.decode($0) } == nil, "prefix of \(length) bytes")
        }
        let foreign: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
        #expect(foreign.withUnsafeBytes { ItemBinaryCodec.decode($0) } == nil)
        // A count of attributes far beyond the bytes (the cursor `__main__` decodes to such bytes) reserves nothing.
        let hugeCount: [UInt8] = [0xFF, 0xF9, 0x9A, 0x8A, 0x7F, 0xFF]
        #expect(hugeCount.withUnsafeBytes { ItemBinaryCodec.decode($0) } == nil)
        #expect(Item(encoded: hugeCount) == nil, "an item read lazily reserves no name offsets for the forged count")
        #expect(Item(encoded: foreign) == nil)
        #expect((bytes + [0]).withUnsafeBytes { ItemBinaryCodec.decode($0) } == nil)
    }

    @Test func anEncodedItemReadsOneAttributeAtATimeAndEqualsItsDecodedSelf() throws {
        let item: Item = [
            "PK": "ORDER#1", "SK": "DETAILS", "total": .int(-1999), "price": .number(DecimalNumber("19.99")!),
            "items": [["sku": "A", "quantity": .int(2)]], "tags": .stringSet(["a"]), "flag": true, "none": nil,
        ]
        let bytes = ItemBinaryCodec.encode(item)
        let encoded = try #require(Item(encoded: bytes))
        #expect(encoded["total"] == .int(-1999))
        #expect(encoded["price"] == .number(DecimalNumber("19.99")!))
        #expect(encoded["items"] == [["sku": "A", "quantity": .int(2)]])
        #expect(encoded["none"] == .null)
        #expect(encoded["missing"] == nil)
        for (name, value) in item.attributes { #expect(encoded[name] == value, "\(name)") }
        #expect(encoded.key == ItemKey(partition: "ORDER#1", sort: "DETAILS"))
        #expect(encoded == item)
        #expect(encoded.hashValue == item.hashValue)
        #expect(ItemBinaryCodec.encode(encoded) == bytes, "an unchanged item is saved again without re-encoding")
        var changed = encoded
        changed["flag"] = false
        #expect(changed["flag"] == false)
        #expect(changed["total"] == .int(-1999), "a change keeps the other attributes")
        #expect(encoded["flag"] == true, "items are values")
    }

    @Test func malformedBytesAreNoItem() {
        let bytes = ItemBinaryCodec.encode([
            "PK": "A", "SK": "B", "list": ["x", .int(1)], "n": .number(DecimalNumber("1.5")!),
        ])
        for length in 0..<bytes.count {
            #expect(Item(encoded: Array(bytes[..<length])) == nil, "prefix of \(length) bytes")
        }
        #expect(Item(encoded: bytes + [0]) == nil)
        #expect(Item(encoded: bytes) != nil)
    }
}
