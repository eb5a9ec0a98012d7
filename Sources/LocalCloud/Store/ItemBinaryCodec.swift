public import Cloud

/// The compact binary form in which the SQLite store keeps an item: a tag byte per value and LEB128 lengths, so a
/// page of items decodes without a JSON parser.
///
/// Layout: item = count, (name, value)*; name = length, UTF-8; value = tag, then by tag: string/number/binary =
/// length, bytes (a number as its canonical decimal text); integer = zigzag LEB128; list = count, value*;
/// map = count, (name, value)*; string/number set = count, (length, bytes)*; true/false/null carry nothing.
public enum ItemBinaryCodec {
    private enum Tag: UInt8 {
        case string = 1, number, binary, isTrue, isFalse, null, list, map, stringSet, numberSet, integer
    }

    /// The item's bytes.
    public static func encode(_ item: Item) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        appendLength(item.attributes.count, to: &bytes)
        for (name, value) in item.attributes {
            appendText(name, to: &bytes)
            append(value, to: &bytes)
        }
        return bytes
    }

    /// The item in `bytes`, or `nil` when they are not an encoded item.
    public static func decode(_ bytes: UnsafeRawBufferPointer) -> Item? {
        var reader = Reader(bytes: bytes)
        guard let count = reader.length() else { return nil }
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
            bytes.append(Tag.string.rawValue)
            appendText(string, to: &bytes)
        case .number(let number):
            if let integer = number.int64Value {
                bytes.append(Tag.integer.rawValue)
                appendVarint(UInt64(bitPattern: (integer << 1) ^ (integer >> 63)), to: &bytes)
            } else {
                bytes.append(Tag.number.rawValue)
                appendText(number.description, to: &bytes)
            }
        case .binary(let data):
            bytes.append(Tag.binary.rawValue)
            appendLength(data.count, to: &bytes)
            bytes.append(contentsOf: data)
        case .bool(let flag):
            bytes.append(flag ? Tag.isTrue.rawValue : Tag.isFalse.rawValue)
        case .null:
            bytes.append(Tag.null.rawValue)
        case .list(let elements):
            bytes.append(Tag.list.rawValue)
            appendLength(elements.count, to: &bytes)
            for element in elements { append(element, to: &bytes) }
        case .map(let entries):
            bytes.append(Tag.map.rawValue)
            appendLength(entries.count, to: &bytes)
            for (name, element) in entries {
                appendText(name, to: &bytes)
                append(element, to: &bytes)
            }
        case .stringSet(let elements):
            bytes.append(Tag.stringSet.rawValue)
            appendLength(elements.count, to: &bytes)
            for element in elements { appendText(element, to: &bytes) }
        case .numberSet(let elements):
            bytes.append(Tag.numberSet.rawValue)
            appendLength(elements.count, to: &bytes)
            for element in elements { appendText(element.description, to: &bytes) }
        }
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

    /// Reads values from encoded bytes; every read returns `nil` on malformed or truncated input.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        var isAtEnd: Bool { self.offset == self.bytes.count }

        mutating func length() -> Int? {
            self.varint().flatMap { Int(exactly: $0) }
        }

        mutating func varint() -> UInt64? {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while self.offset < self.bytes.count, shift <= 63 {
                let byte = self.bytes[self.offset]
                self.offset += 1
                result |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return result }
                shift += 7
            }
            return nil
        }

        mutating func integer() -> DecimalNumber? {
            guard let zigzag = self.varint() else { return nil }
            let value = Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1)
            return DecimalNumber(Int(value))
        }

        mutating func chunk() -> UnsafeRawBufferPointer? {
            guard let count = self.length(), count <= self.bytes.count - self.offset else { return nil }
            defer { self.offset += count }
            return UnsafeRawBufferPointer(rebasing: self.bytes[self.offset..<(self.offset + count)])
        }

        mutating func text() -> String? {
            self.chunk().map { String(decoding: $0, as: UTF8.self) }
        }

        mutating func number() -> DecimalNumber? {
            self.text().flatMap { DecimalNumber($0) }
        }

        mutating func value() -> AttributeValue? {
            guard self.offset < self.bytes.count, let tag = Tag(rawValue: self.bytes[self.offset]) else { return nil }
            self.offset += 1
            switch tag {
            case .string: return self.text().map(AttributeValue.string)
            case .number: return self.number().map(AttributeValue.number)
            case .integer: return self.integer().map(AttributeValue.number)
            case .binary: return self.chunk().map { .binary(Array($0)) }
            case .isTrue: return .bool(true)
            case .isFalse: return .bool(false)
            case .null: return .null
            case .list:
                guard let count = self.length() else { return nil }
                var elements: [AttributeValue] = []
                elements.reserveCapacity(min(count, 1024))
                for _ in 0..<count {
                    guard let element = self.value() else { return nil }
                    elements.append(element)
                }
                return .list(elements)
            case .map:
                guard let count = self.length() else { return nil }
                var entries: [String: AttributeValue] = [:]
                for _ in 0..<count {
                    guard let name = self.text(), let element = self.value() else { return nil }
                    entries[name] = element
                }
                return .map(entries)
            case .stringSet:
                guard let count = self.length() else { return nil }
                var elements = Set<String>()
                for _ in 0..<count {
                    guard let element = self.text() else { return nil }
                    elements.insert(element)
                }
                return .stringSet(elements)
            case .numberSet:
                guard let count = self.length() else { return nil }
                var elements = Set<DecimalNumber>()
                for _ in 0..<count {
                    guard let element = self.number() else { return nil }
                    elements.insert(element)
                }
                return .numberSet(elements)
            }
        }
    }
}
