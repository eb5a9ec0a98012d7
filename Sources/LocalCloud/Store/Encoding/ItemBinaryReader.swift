import Cloud

/// The tag byte in front of each encoded value.
enum ItemBinaryTag: UInt8 {
    case string = 1
    case number, binary, isTrue, isFalse, null, list, map, stringSet, numberSet, integer
}

/// Reads values from encoded bytes; every read returns `nil` on malformed or truncated input, including lists and
/// maps nested deeper than ``TableSchema/maximumNestingDepth``, so forged bytes cannot exhaust the stack.
struct ItemBinaryReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0
    /// How many lists and maps enclose the value being read.
    private var depth = 0

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { self.offset == self.bytes.count }

    mutating func length() -> Int? {
        self.varint().flatMap { Int(exactly: $0) }
    }

    /// A count of elements that the bytes left could hold (every element takes at least one), so that no read
    /// reserves memory for more than the input could hold; `nil` for any other.
    mutating func elementCount() -> Int? {
        guard let count = self.length(), count <= self.bytes.count - self.offset else { return nil }
        return count
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
        guard self.offset < self.bytes.count, let tag = ItemBinaryTag(rawValue: self.bytes[self.offset]) else {
            return nil
        }
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
            return self.nested { reader in reader.sequence { $0.value() } }.map(AttributeValue.list)
        case .map:
            let entries = self.nested { reader in
                reader.sequence { reader in reader.text().flatMap { name in reader.value().map { (name, $0) } } }
            }
            return entries.map { .map(Dictionary($0, uniquingKeysWith: { _, last in last })) }
        case .stringSet:
            return self.sequence { $0.text() }.map { .stringSet(Set($0)) }
        case .numberSet:
            return self.sequence { $0.number() }.map { .numberSet(Set($0)) }
        }
    }

    /// Reads the elements of a list or map with `read`, one level deeper; `nil` past the deepest level allowed.
    private mutating func nested<Result>(_ read: (inout ItemBinaryReader) -> Result?) -> Result? {
        guard self.depth < TableSchema.maximumNestingDepth else { return nil }
        self.depth += 1
        defer { self.depth -= 1 }
        return read(&self)
    }

    /// Reads a count (``elementCount()``), then that many elements with `read`.
    mutating func sequence<Element>(_ read: (inout ItemBinaryReader) -> Element?) -> [Element]? {
        guard let count = self.elementCount() else { return nil }
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count {
            guard let element = read(&self) else { return nil }
            elements.append(element)
        }
        return elements
    }

    /// Moves past one value without building it; `false` on malformed input. Decimal texts are checked, so a value
    /// that was skipped can later be decoded.
    mutating func skipValue() -> Bool {
        guard self.offset < self.bytes.count, let tag = ItemBinaryTag(rawValue: self.bytes[self.offset]) else {
            return false
        }
        self.offset += 1
        switch tag {
        case .string, .binary: return self.chunk() != nil
        case .number: return self.number() != nil
        case .integer: return self.varint() != nil
        case .isTrue, .isFalse, .null: return true
        case .list:
            return self.nested { reader in
                guard let count = reader.length() else { return false }
                for _ in 0..<count where !reader.skipValue() { return false }
                return true
            } ?? false
        case .map:
            return self.nested { reader in
                guard let count = reader.length() else { return false }
                for _ in 0..<count where reader.chunk() == nil || !reader.skipValue() { return false }
                return true
            } ?? false
        case .stringSet:
            guard let count = self.length() else { return false }
            for _ in 0..<count where self.chunk() == nil { return false }
            return true
        case .numberSet:
            guard let count = self.length() else { return false }
            for _ in 0..<count where self.number() == nil { return false }
            return true
        }
    }

    /// Reads a name and tells whether its bytes are `name`'s UTF-8.
    mutating func nameMatches(_ name: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let chunk = self.chunk() else { return nil }
        return chunk.count == name.count && chunk.elementsEqual(UnsafeRawBufferPointer(name))
    }
}
