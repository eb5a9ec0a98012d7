/// Encodes `Encodable` values as compact JSON straight into one byte buffer through ``JSONWriter`` (or, for
/// ``JSONValue/init(encoding:)``, straight into a tree): members in the
/// order the type encodes them (declaration order for synthesised conformances), dictionaries with string keys and
/// ``JSONValue`` objects with their keys sorted, so the output is deterministic. It builds no intermediate tree, which
/// makes it several times cheaper than Foundation's encoder for the answers and events written on every request.
///
/// As `JSONEncoder` does, it refuses a non-finite `Double` or `Float` with an `EncodingError`. A value whose encoding
/// it cannot follow as it writes (containers nested by hand, super encoders) is built as a tree instead and written
/// with its objects' keys sorted, so every `Encodable` value is encoded. It needs no Foundation: Foundation's types
/// encode through their own conformances (a `Date` as seconds since 2001, as `JSONEncoder`'s default strategy writes
/// it; `Data` as an array of bytes, where `JSONEncoder` writes base64).
public struct StreamingJSONEncoder: Sendable {
    /// An encoder; it keeps no state between calls.
    public init() {}

    /// The JSON text of `value`.
    public func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        if let written = try Self.stream(value, into: JSONWriter()) { return written.bytes }
        var writer = JSONWriter()
        writer.value(try JSONTreeEncoder.encode(value))
        return writer.bytes
    }

    /// `sink` with `value` written into it, or `nil` when the value's encoding needs a tree.
    static func stream<Value: Encodable, Sink: JSONSink>(_ value: Value, into sink: Sink) throws -> Sink? {
        let output = JSONOutput(sink)
        do {
            try output.write(value, codingPath: [])
            return output.sink
        } catch is NeedsTree {
            return nil
        }
    }

    /// A value whose encoding this encoder cannot follow as it writes.
    struct NeedsTree: Error {}
}

/// The sink, and the writing of one value into it.
final class JSONOutput<Sink: JSONSink> {
    // Only the encoding that owns the sink touches it, one call at a time: no runtime exclusivity checks.
    @exclusivity(unchecked) var sink: Sink

    init(_ sink: Sink) {
        self.sink = sink
    }

    /// Writes `value`, closing any container its encoding opened. The commonest types are told apart by comparing
    /// metadata, which is cheaper than a cast for the many values that are none of them.
    func write<Value: Encodable>(_ value: Value, codingPath: [any CodingKey]) throws {
        let type = Value.self
        if type == String.self {
            self.sink.string(value as! String)
        } else if type == Int.self {
            self.sink.integer(value as! Int)
        } else if type == Bool.self {
            self.sink.bool(value as! Bool)
        } else if type == Int64.self {
            self.sink.integer(value as! Int64)
        } else if type == Double.self {
            try self.writeFinite(value as! Double, codingPath: codingPath)
        } else if let writable = value as? any DirectlyWritable {
            try writable.write(into: self, codingPath: codingPath)
        } else {
            let encoder = StreamingEncoder(output: self, codingPath: codingPath)
            try value.encode(to: encoder)
            encoder.finish()
        }
    }

    /// A finite number; JSON has none for NaN or an infinity, so those are refused as `JSONEncoder` refuses them.
    func writeFinite<Number: BinaryFloatingPoint & Encodable>(_ number: Number, codingPath: [any CodingKey]) throws {
        guard number.isFinite else {
            throw EncodingError.invalidValue(
                number, .init(codingPath: codingPath, debugDescription: "JSON has no \(number)"))
        }
        if let double = number as? Double { self.sink.number(double) } else { self.sink.number(Float(number)) }
    }
}

/// The `Encoder` for one value: it lets the value open one container and closes it in ``finish()``.
final class StreamingEncoder<Sink: JSONSink>: Encoder {
    enum Opened {
        case nothing
        case object
        case array(elements: Int)
        case single
    }

    /// Where the next value goes.
    enum Place {
        case member(String)
        case element
        case single
    }

    let output: JSONOutput<Sink>
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var opened = Opened.nothing

    init(output: JSONOutput<Sink>, codingPath: [any CodingKey]) {
        self.output = output
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .nothing = self.opened {
            self.opened = .object
            self.output.sink.beginObject()
        }
        return KeyedEncodingContainer(StreamingKeyedContainer<Key, Sink>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .nothing = self.opened {
            self.opened = .array(elements: 0)
            self.output.sink.beginArray()
        }
        return StreamingUnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        StreamingSingleValueContainer(encoder: self)
    }

    /// Closes the container the value opened; a value that wrote nothing is `{}`, as Foundation writes it.
    func finish() {
        switch self.opened {
        case .object: self.output.sink.endObject()
        case .array: self.output.sink.endArray()
        case .nothing:
            self.output.sink.beginObject()
            self.output.sink.endObject()
        case .single: break
        }
    }

    func writeNil(at place: Place) throws {
        try self.begin(place)
        self.output.sink.null()
    }

    func write<Value: Encodable>(_ value: Value, at place: Place) throws {
        try self.begin(place)
        // The coding path is not extended per member or element: only the tree encoder's errors would read it, and
        // building it would allocate for every one.
        try self.output.write(value, codingPath: self.codingPath)
    }

    /// The commonest scalar, written without a dynamic cast.
    func write(_ text: String, at place: Place) throws {
        try self.begin(place)
        self.output.sink.string(text)
    }

    /// Claims `place` for the next value. A member needs an open object, an element an open array, and a single
    /// value an encoder that wrote nothing yet; anything else needs the tree encoder.
    private func begin(_ place: Place) throws {
        switch (place, self.opened) {
        case (.member(let key), .object):
            self.output.sink.key(key)
        case (.element, .array(let elements)):
            self.opened = .array(elements: elements + 1)
        case (.single, .nothing):
            self.opened = .single
        default:
            throw StreamingJSONEncoder.NeedsTree()
        }
    }
}

struct StreamingKeyedContainer<Key: CodingKey, Sink: JSONSink>: KeyedEncodingContainerProtocol {
    let encoder: StreamingEncoder<Sink>
    var codingPath: [any CodingKey] { self.encoder.codingPath }

    mutating func encodeNil(forKey key: Key) throws { try self.encoder.writeNil(at: .member(key.stringValue)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try self.encoder.write(value, at: .member(key.stringValue))
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        try self.encoder.write(value, at: .member(key.stringValue))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        // No end is signalled for a nested container, so it cannot be streamed: the value is built as a tree.
        KeyedEncodingContainer(RefusingKeyedContainer<NestedKey>())
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { RefusingUnkeyedContainer() }
    mutating func superEncoder() -> any Encoder { RefusingEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { RefusingEncoder() }
}

struct StreamingUnkeyedContainer<Sink: JSONSink>: UnkeyedEncodingContainer {
    let encoder: StreamingEncoder<Sink>
    var codingPath: [any CodingKey] { self.encoder.codingPath }
    var count: Int {
        if case .array(let elements) = self.encoder.opened { return elements }
        return 0
    }

    mutating func encodeNil() throws { try self.encoder.writeNil(at: .element) }
    mutating func encode<T: Encodable>(_ value: T) throws { try self.encoder.write(value, at: .element) }
    mutating func encode(_ value: String) throws { try self.encoder.write(value, at: .element) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
        NestedKey
    > {
        KeyedEncodingContainer(RefusingKeyedContainer<NestedKey>())
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { RefusingUnkeyedContainer() }
    mutating func superEncoder() -> any Encoder { RefusingEncoder() }
}

struct StreamingSingleValueContainer<Sink: JSONSink>: SingleValueEncodingContainer {
    let encoder: StreamingEncoder<Sink>
    var codingPath: [any CodingKey] { self.encoder.codingPath }

    mutating func encodeNil() throws { try self.encoder.writeNil(at: .single) }
    mutating func encode<T: Encodable>(_ value: T) throws { try self.encoder.write(value, at: .single) }
    mutating func encode(_ value: String) throws { try self.encoder.write(value, at: .single) }
}

/// Containers and encoders the streaming encoder cannot follow: any use sends the whole value to the tree encoder.
struct RefusingKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    var codingPath: [any CodingKey] { [] }
    mutating func encodeNil(forKey key: Key) throws { throw StreamingJSONEncoder.NeedsTree() }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        throw StreamingJSONEncoder.NeedsTree()
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        KeyedEncodingContainer(RefusingKeyedContainer<NestedKey>())
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { RefusingUnkeyedContainer() }
    mutating func superEncoder() -> any Encoder { RefusingEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { RefusingEncoder() }
}

struct RefusingUnkeyedContainer: UnkeyedEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    var count: Int { 0 }
    mutating func encodeNil() throws { throw StreamingJSONEncoder.NeedsTree() }
    mutating func encode<T: Encodable>(_ value: T) throws { throw StreamingJSONEncoder.NeedsTree() }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
        NestedKey
    > {
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
    mutating func encodeNil() throws { throw StreamingJSONEncoder.NeedsTree() }
    mutating func encode<T: Encodable>(_ value: T) throws { throw StreamingJSONEncoder.NeedsTree() }
}
