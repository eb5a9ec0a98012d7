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

    @Test func truncatedOrForeignBytesAreRejectedNotMisread() {
        let bytes = ItemBinaryCodec.encode(["PK": "A", "SK": "B", "list": ["x", .int(1)]])
        for length in 0..<bytes.count {
            #expect(bytes[..<length].withUnsafeBytes { ItemBinaryCodec.decode($0) } == nil, "prefix of \(length) bytes")
        }
        let foreign: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
        #expect(foreign.withUnsafeBytes { ItemBinaryCodec.decode($0) } == nil)
        #expect((bytes + [0]).withUnsafeBytes { ItemBinaryCodec.decode($0) } == nil)
    }
}
