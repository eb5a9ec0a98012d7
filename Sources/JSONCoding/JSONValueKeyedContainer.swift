/// The keyed container of a JSON object being decoded.
struct JSONValueKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { self.members.keys.compactMap(Key.init(stringValue:)) }

    func contains(_ key: Key) -> Bool {
        self.members[key.stringValue] != nil
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try self.member(key) == .null
    }

    func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
        try self.decoder(for: key).decodeValue(type)
    }

    func decodeIfPresent<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        guard let member = self.members[key.stringValue], member != .null else { return nil }
        return try JSONValueDecoding(member, at: key, in: self.codingPath).decodeValue(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try self.decoder(for: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try self.decoder(for: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        JSONValueDecoding(self.members["super"] ?? .null, at: JSONKey.super, in: self.codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        JSONValueDecoding(self.members[key.stringValue] ?? .null, at: key, in: self.codingPath)
    }

    private func member(_ key: Key) throws -> JSONValue {
        guard let member = self.members[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key,
                .init(codingPath: self.codingPath, debugDescription: "No value associated with key \(key.stringValue).")
            )
        }
        return member
    }

    private func decoder(for key: Key) throws -> JSONValueDecoding {
        JSONValueDecoding(try self.member(key), at: key, in: self.codingPath)
    }
}
