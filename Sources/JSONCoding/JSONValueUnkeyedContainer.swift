/// The unkeyed container of a JSON array being decoded, element by element.
struct JSONValueUnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(elements: [JSONValue], codingPath: [any CodingKey]) {
        self.elements = elements
        self.codingPath = codingPath
    }

    var count: Int? { self.elements.count }
    var isAtEnd: Bool { self.currentIndex >= self.elements.count }

    mutating func decodeNil() throws -> Bool {
        guard try self.current(Any?.self) == .null else { return false }
        self.currentIndex += 1
        return true
    }

    mutating func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        let value = try self.decoder(for: type).decodeValue(type)
        self.currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let container = try self.decoder(for: [String: Any].self).container(keyedBy: type)
        self.currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try self.decoder(for: [Any].self).unkeyedContainer()
        self.currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = try self.decoder(for: Any.self)
        self.currentIndex += 1
        return decoder
    }

    /// The element at ``currentIndex``, or `valueNotFound` for `type` past the end.
    private func current(_ type: Any.Type) throws -> JSONValue {
        guard !self.isAtEnd else {
            throw DecodingError.valueNotFound(
                type,
                .init(
                    codingPath: self.codingPath + [JSONKey.index(self.currentIndex)],
                    debugDescription: "Unkeyed container is at end."))
        }
        return self.elements[self.currentIndex]
    }

    private func decoder(for type: Any.Type) throws -> JSONValueDecoding {
        JSONValueDecoding(try self.current(type), at: JSONKey.index(self.currentIndex), in: self.codingPath)
    }
}
