/// A `Decoder` over one ``JSONValue`` of a parsed tree, and the single-value container of it.
///
/// It keeps its container's coding path and its own key apart, and joins them only when ``codingPath`` is read (by a
/// nested container, or for an error): a member or element decoded as a scalar copies no path.
struct JSONValueDecoding: Decoder, SingleValueDecodingContainer {
    let value: JSONValue
    private let containerPath: [any CodingKey]
    private let key: (any CodingKey)?
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var codingPath: [any CodingKey] {
        guard let key = self.key else { return self.containerPath }
        return self.containerPath + [key]
    }

    /// The decoder of the whole document's `value`.
    init(root value: JSONValue) {
        self.init(value, at: nil, in: [])
    }

    /// The decoder of `value`, found at `key` in the container at `containerPath`.
    init(_ value: JSONValue, at key: (any CodingKey)?, in containerPath: [any CodingKey]) {
        self.value = value
        self.key = key
        self.containerPath = containerPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = self.value else {
            throw self.mismatch([String: Any].self)
        }
        return KeyedDecodingContainer(JSONValueKeyedContainer<Key>(members: members, codingPath: self.codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = self.value else {
            throw self.mismatch([Any].self)
        }
        return JSONValueUnkeyedContainer(elements: elements, codingPath: self.codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        self
    }

    func decodeNil() -> Bool {
        self.value == .null
    }

    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try self.decodeValue(type)
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let flag) = self.value else { throw self.mismatch(type) }
        return flag
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let text) = self.value else { throw self.mismatch(type) }
        return text
    }

    func decode(_ type: Double.Type) throws -> Double {
        switch self.value {
        case .integer(let integer): return Double(integer)
        case .number(let number): return number
        default: throw self.mismatch(type)
        }
    }

    func decode(_ type: Float.Type) throws -> Float {
        let number = try self.decode(Double.self)
        let narrowed = Float(number)
        guard narrowed.isFinite else { throw self.corrupted("Number \(number) does not fit in Float.") }
        return narrowed
    }

    func decode(_ type: Int.Type) throws -> Int { try self.integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try self.integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try self.integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try self.integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try self.integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try self.integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try self.integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try self.integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try self.integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try self.integer(type) }

    /// The value as `type`: the commonest scalars without the dynamic dispatch of `init(from:)`.
    func decodeValue<Value: Decodable>(_ type: Value.Type) throws -> Value {
        if type == String.self { return try self.decode(String.self) as! Value }
        if type == Int.self { return try self.decode(Int.self) as! Value }
        if type == Bool.self { return try self.decode(Bool.self) as! Value }
        return try Value(from: self)
    }

    /// An integer of `type`, from an integer or from a number with no fraction that fits.
    private func integer<Integer: FixedWidthInteger>(_ type: Integer.Type) throws -> Integer {
        switch self.value {
        case .integer(let integer):
            guard let exact = Integer(exactly: integer) else {
                throw self.corrupted("Parsed JSON number <\(integer)> does not fit in \(type).")
            }
            return exact
        case .number(let number):
            guard let exact = Integer(exactly: number) else {
                throw self.corrupted("Parsed JSON number <\(number)> does not fit in \(type).")
            }
            return exact
        default:
            throw self.mismatch(type)
        }
    }

    private func mismatch(_ type: Any.Type) -> DecodingError {
        if case .null = self.value {
            return .valueNotFound(
                type,
                .init(codingPath: self.codingPath, debugDescription: "Expected \(type) value but found null instead."))
        }
        return .typeMismatch(
            type,
            .init(
                codingPath: self.codingPath,
                debugDescription: "Expected to decode \(type) but found \(self.value.kind) instead."))
    }

    private func corrupted(_ description: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: self.codingPath, debugDescription: description))
    }
}

extension JSONValue {
    /// What a decoding error calls the value: `a string`, `an array`, `null`.
    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .integer, .number: "number"
        case .string: "a string"
        case .array: "an array"
        case .object: "a dictionary"
        }
    }
}
