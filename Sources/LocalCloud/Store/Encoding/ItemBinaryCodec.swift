public import Cloud

/// The compact binary form of an item: a tag byte per value and LEB128 lengths, so that items are read without a
/// JSON parser, and one attribute can be found without decoding the others (see `Item.init(encoded:)`). The
/// SQLite store keeps items in this form.
///
/// Layout: item = count, (name, value)*; name = length, UTF-8; value = tag, then by tag: string/number/binary =
/// length, bytes (a number as its canonical decimal text); integer = zigzag LEB128; list = count, value*;
/// map = count, (name, value)*; string/number set = count, (length, bytes)*; true/false/null carry nothing.
public enum ItemBinaryCodec {

    /// The item's bytes.
    public static func encode(_ item: Item) -> [UInt8] {
        if let encoded = item.lazySource as? EncodedItem { return encoded.bytes }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        appendLength(item.attributes.count, to: &bytes)
        for (name, value) in item.attributes {
            appendText(name, to: &bytes)
            append(value, to: &bytes)
        }
        return bytes
    }

    /// The item in `bytes`, decoded completely, or `nil` when they are not an encoded item.
    public static func decode(_ bytes: UnsafeRawBufferPointer) -> Item? {
        var reader = ItemBinaryReader(bytes: bytes)
        guard let count = reader.elementCount() else { return nil }
        var attributes: [String: AttributeValue] = [:]
        attributes.reserveCapacity(count)
        for _ in 0..<count {
            guard let name = reader.text(), let value = reader.value() else { return nil }
            attributes[name] = value
        }
        return reader.isAtEnd ? Item(attributes) : nil
    }

    private static func append(_ value: AttributeValue, to bytes: inout [UInt8]) {
        switch value {
        case .string(let string):
            bytes.append(ItemBinaryTag.string.rawValue)
            appendText(string, to: &bytes)
        case .number(let number):
            if let integer = number.int64Value {
                bytes.append(ItemBinaryTag.integer.rawValue)
                appendVarint(UInt64(bitPattern: (integer << 1) ^ (integer >> 63)), to: &bytes)
            } else {
                bytes.append(ItemBinaryTag.number.rawValue)
                appendText(number.description, to: &bytes)
            }
        case .binary(let data):
            bytes.append(ItemBinaryTag.binary.rawValue)
            appendLength(data.count, to: &bytes)
            bytes.append(contentsOf: data)
        case .bool(let flag):
            bytes.append(flag ? ItemBinaryTag.isTrue.rawValue : ItemBinaryTag.isFalse.rawValue)
        case .null:
            bytes.append(ItemBinaryTag.null.rawValue)
        case .list(let elements):
            appendCollection(.list, elements, to: &bytes) { append($0, to: &$1) }
        case .map(let entries):
            appendCollection(.map, entries, to: &bytes) { entry, bytes in
                appendText(entry.key, to: &bytes)
                append(entry.value, to: &bytes)
            }
        case .stringSet(let elements):
            appendCollection(.stringSet, elements, to: &bytes) { appendText($0, to: &$1) }
        case .numberSet(let elements):
            appendCollection(.numberSet, elements, to: &bytes) { appendText($0.description, to: &$1) }
        }
    }

    /// A container value: its tag, its element count, then each element as `appendElement` writes it.
    private static func appendCollection<Elements: Collection>(
        _ tag: ItemBinaryTag,
        _ elements: Elements,
        to bytes: inout [UInt8],
        _ appendElement: (Elements.Element, inout [UInt8]) -> Void
    ) {
        bytes.append(tag.rawValue)
        appendLength(elements.count, to: &bytes)
        for element in elements { appendElement(element, &bytes) }
    }

    private static func appendText(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            appendLength(utf8.count, to: &bytes)
            bytes.append(contentsOf: utf8)
        }
    }

    private static func appendLength(_ length: Int, to bytes: inout [UInt8]) {
        appendVarint(UInt64(length), to: &bytes)
    }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var remaining = value
        while remaining >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(remaining))
    }
}
