#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LambdaEvents

/// Encodes `Encodable` values as compact JSON straight into one byte buffer, members in the order the type encodes
/// them (declaration order for synthesised conformances) and dictionaries with string keys sorted, so the output
/// is deterministic. It builds no intermediate tree, which makes it several times cheaper than Foundation's encoder
/// for the answers and events written on every request.
///
/// Values it does not write itself (dates, data, decimals, URLs, containers nested by hand) are encoded with
/// Foundation's `JSONEncoder` instead, so every `Encodable` value is encoded.
public struct StreamingJSONEncoder: Sendable {
    public init() {}

    /// The JSON text of `value`.
    public func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let output = JSONOutput()
        do {
            try output.write(value, codingPath: [])
            return output.bytes
        } catch is NeedsFoundation {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return Array(try encoder.encode(value))
        }
    }

    /// A value this encoder leaves to Foundation's.
    struct NeedsFoundation: Error {}
}

/// The buffer, and the writing of one value into it.
final class JSONOutput {
    // Only the encoding that owns the buffer touches it, one call at a time: no runtime exclusivity checks.
    @exclusivity(unchecked) var bytes: [UInt8] = []

    init() {
        self.bytes.reserveCapacity(512)
    }

    /// Writes `value`, closing any container its encoding opened. Types are told apart by comparing metadata,
    /// which is cheaper than a cast for the many values that are none of them.
    func write<Value: Encodable>(_ value: Value, codingPath: [any CodingKey]) throws {
        let type = Value.self
        if type == String.self {
            self.writeString(value as! String)
        } else if type == Int.self {
            self.writeInteger(value as! Int)
        } else if type == Bool.self {
            self.append(value as! Bool ? "true" : "false")
        } else if type == Int64.self {
            self.writeInteger(value as! Int64)
        } else if type == Double.self {
            try self.writeDouble(value as! Double)
        } else if type == Date.self || type == Data.self || type == Decimal.self || type == URL.self {
            throw StreamingJSONEncoder.NeedsFoundation()
        } else if let dictionary = value as? any SortedJSONObject {
            try dictionary.writeSorted(into: self, codingPath: codingPath)
        } else {
            let encoder = StreamingEncoder(output: self, codingPath: codingPath)
            try value.encode(to: encoder)
            encoder.finish()
        }
    }

    func append(_ text: String) {
        self.bytes.append(contentsOf: text.utf8)
    }

    /// An integer's decimal digits, written without making a string.
    func writeInteger<Integer: FixedWidthInteger>(_ value: Integer) {
        guard value != 0 else { return self.bytes.append(UInt8(ascii: "0")) }
        if value < 0 { self.bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits, more than any 64-bit integer has
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) {
                self.bytes.append(buffer[index])
            }
        }
    }

    func writeDouble(_ number: Double) throws {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: [], debugDescription: "JSON has no \(number)"))
        }
        if number == number.rounded(), abs(number) < 1e15 {
            self.writeInteger(Int64(number))
        } else {
            self.append(number.description)
        }
    }

    /// A string literal: quotes, backslashes and control characters escaped; everything else as UTF-8. Most strings
    /// need no escape and are copied whole.
    func writeString(_ text: String) {
        JSONStringLiteral.append(text, to: &self.bytes)
    }
}

/// Dictionaries with string keys, written with their keys sorted (hash order would differ from run to run).
protocol SortedJSONObject {
    func writeSorted(into output: JSONOutput, codingPath: [any CodingKey]) throws
}

extension Dictionary: SortedJSONObject where Key == String, Value: Encodable {
    func writeSorted(into output: JSONOutput, codingPath: [any CodingKey]) throws {
        output.bytes.append(UInt8(ascii: "{"))
        for (index, key) in self.keys.sorted().enumerated() {
            if index > 0 { output.bytes.append(UInt8(ascii: ",")) }
            output.writeString(key)
            output.bytes.append(UInt8(ascii: ":"))
            try output.write(self[key]!, codingPath: codingPath)
        }
        output.bytes.append(UInt8(ascii: "}"))
    }
}

/// The `Encoder` for one value: it lets the value open one container and closes it in ``finish()``.
final class StreamingEncoder: Encoder {
    enum Opened {
        case nothing
        case object(members: Int)
        case array(elements: Int)
        case single
    }

    let output: JSONOutput
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var opened = Opened.nothing

    init(output: JSONOutput, codingPath: [any CodingKey]) {
        self.output = output
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .nothing = self.opened {
            self.opened = .object(members: 0)
            self.output.bytes.append(UInt8(ascii: "{"))
        }
        return KeyedEncodingContainer(StreamingKeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .nothing = self.opened {
            self.opened = .array(elements: 0)
            self.output.bytes.append(UInt8(ascii: "["))
        }
        return StreamingUnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        StreamingSingleValueContainer(encoder: self)
    }

    /// Closes the container the value opened; a value that wrote nothing is `{}`, as Foundation writes it.
    func finish() {
        switch self.opened {
        case .object: self.output.bytes.append(UInt8(ascii: "}"))
        case .array: self.output.bytes.append(UInt8(ascii: "]"))
        case .nothing: self.output.append("{}")
        case .single: break
        }
    }

    /// Starts the next member of an object: a comma after the first, then the key.
    func beginMember(_ key: String) throws {
        guard case .object(let members) = self.opened else { throw StreamingJSONEncoder.NeedsFoundation() }
        if members > 0 { self.output.bytes.append(UInt8(ascii: ",")) }
        self.opened = .object(members: members + 1)
        self.output.writeString(key)
        self.output.bytes.append(UInt8(ascii: ":"))
    }

    /// Starts the next element of an array.
    func beginElement() throws {
        guard case .array(let elements) = self.opened else { throw StreamingJSONEncoder.NeedsFoundation() }
        if elements > 0 { self.output.bytes.append(UInt8(ascii: ",")) }
        self.opened = .array(elements: elements + 1)
    }

    /// Marks the value as a single value; a second one in the same encoder cannot be written.
    func beginSingle() throws {
        guard case .nothing = self.opened else { throw StreamingJSONEncoder.NeedsFoundation() }
        self.opened = .single
    }
}

struct StreamingKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: StreamingEncoder
    var codingPath: [any CodingKey] { self.encoder.codingPath }

    mutating func encodeNil(forKey key: Key) throws {
        try self.encoder.beginMember(key.stringValue)
        self.encoder.output.append("null")
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try self.encoder.beginMember(key.stringValue)
        // The coding path is not extended per member: only Foundation's errors would read it, and building it would
        // allocate for every member.
        try self.encoder.output.write(value, codingPath: self.codingPath)
    }

    // The common scalars, written without a dynamic cast.
    mutating func encode(_ value: String, forKey key: Key) throws {
        try self.encoder.beginMember(key.stringValue)
        self.encoder.output.writeString(value)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        try self.encoder.beginMember(key.stringValue)
        self.encoder.output.writeInteger(value)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try self.encoder.beginMember(key.stringValue)
        self.encoder.output.append(value ? "true" : "false")
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        // No end is signalled for a nested container, so it cannot be streamed: the value goes to Foundation.
        KeyedEncodingContainer(RefusingKeyedContainer<NestedKey>())
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        RefusingUnkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { RefusingEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { RefusingEncoder() }
}

struct StreamingUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: StreamingEncoder
    var codingPath: [any CodingKey] { self.encoder.codingPath }
    var count: Int {
        if case .array(let elements) = self.encoder.opened { return elements }
        return 0
    }

    mutating func encodeNil() throws {
        try self.encoder.beginElement()
        self.encoder.output.append("null")
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try self.encoder.beginElement()
        try self.encoder.output.write(value, codingPath: self.codingPath)
    }

    mutating func encode(_ value: String) throws {
        try self.encoder.beginElement()
        self.encoder.output.writeString(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(RefusingKeyedContainer<NestedKey>())
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { RefusingUnkeyedContainer() }
    mutating func superEncoder() -> any Encoder { RefusingEncoder() }
}

struct StreamingSingleValueContainer: SingleValueEncodingContainer {
    let encoder: StreamingEncoder
    var codingPath: [any CodingKey] { self.encoder.codingPath }

    mutating func encodeNil() throws {
        try self.encoder.beginSingle()
        self.encoder.output.append("null")
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try self.encoder.beginSingle()
        try self.encoder.output.write(value, codingPath: self.codingPath)
    }

    mutating func encode(_ value: String) throws {
        try self.encoder.beginSingle()
        self.encoder.output.writeString(value)
    }
}

/// Containers and encoders the streaming encoder cannot follow: any use sends the whole value to Foundation.
struct RefusingKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    var codingPath: [any CodingKey] { [] }
    mutating func encodeNil(forKey key: Key) throws { throw StreamingJSONEncoder.NeedsFoundation() }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { throw StreamingJSONEncoder.NeedsFoundation() }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(RefusingKeyedContainer<NestedKey>())
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { RefusingUnkeyedContainer() }
    mutating func superEncoder() -> any Encoder { RefusingEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { RefusingEncoder() }
}

struct RefusingUnkeyedContainer: UnkeyedEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    var count: Int { 0 }
    mutating func encodeNil() throws { throw StreamingJSONEncoder.NeedsFoundation() }
    mutating func encode<T: Encodable>(_ value: T) throws { throw StreamingJSONEncoder.NeedsFoundation() }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(RefusingKeyedContainer<NestedKey>())
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { RefusingUnkeyedContainer() }
    mutating func superEncoder() -> any Encoder { RefusingEncoder() }
}

struct RefusingEncoder: Encoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(RefusingKeyedContainer<Key>())
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { RefusingUnkeyedContainer() }
    func singleValueContainer() -> any SingleValueEncodingContainer { RefusingSingleValueContainer() }
}

struct RefusingSingleValueContainer: SingleValueEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    mutating func encodeNil() throws { throw StreamingJSONEncoder.NeedsFoundation() }
    mutating func encode<T: Encodable>(_ value: T) throws { throw StreamingJSONEncoder.NeedsFoundation() }
}
