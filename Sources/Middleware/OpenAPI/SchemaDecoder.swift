import LambdaEvents

/// Learns the JSON shape of a `Decodable` type by decoding an example of it: every key the type asks for becomes a
/// property (required unless asked for with `decodeIfPresent`), every nested type a nested schema. Arrays are
/// described by one element; ``SchemaEnumerable`` types by their values.
///
/// The example it builds (empty strings, zeros, one-element arrays) is what the type's validation rules are then
/// described on.
struct SchemaDecoder: Decoder {
    /// Deeper than this, a type is taken to be recursive and described as anything.
    static let maximumDepth = 12

    let node: SchemaNode
    let depth: Int
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// An example of `type`, describing its shape into `node`.
    static func example<T: Decodable>(of type: T.Type, describing node: SchemaNode, depth: Int = 0) throws -> T {
        switch type {
        case is String.Type:
            node.kind = .string
            return "" as! T
        case is Bool.Type:
            node.kind = .boolean
            return false as! T
        case is Int.Type:
            node.kind = .integer
            return 0 as! T
        case is Int64.Type:
            node.kind = .integer
            return Int64(0) as! T
        case is Int32.Type:
            node.kind = .integer
            return Int32(0) as! T
        case is Double.Type:
            node.kind = .number
            return 0.0 as! T
        case is JSONValue.Type:
            node.kind = .any
            return JSONValue.null as! T
        default: break
        }
        if let enumerable = type as? any SchemaEnumerable.Type {
            node.kind = .enumeration(enumerable.schemaValues)
            return enumerable.schemaExample as! T
        }
        if let dictionary = type as? any SchemaDictionary.Type {
            try dictionary.describeValues(into: node, depth: depth)
            return dictionary.schemaExample as! T
        }
        guard depth < Self.maximumDepth else { throw DescriptionTooDeep() }
        return try T(from: SchemaDecoder(node: node, depth: depth + 1))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        if case .any = self.node.kind { self.node.kind = .object([], required: []) }
        return KeyedDecodingContainer(KeyedSchemaContainer<Key>(node: self.node, depth: self.depth))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedSchemaContainer(node: self.node, depth: self.depth)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueSchemaContainer(node: self.node, depth: self.depth)
    }

    /// A type nested deeper than ``maximumDepth``.
    struct DescriptionTooDeep: Error {}
}

private struct KeyedSchemaContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: SchemaNode
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }

    /// Asked only on the way to an optional value (the standard `decodeIfPresent` asks before it decodes), so the
    /// key it names is not required.
    func decodeNil(forKey key: Key) throws -> Bool {
        self.node.optionalKeys.insert(key.stringValue)
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let isOptional = self.node.optionalKeys.remove(key.stringValue) != nil
        return try SchemaDecoder.example(
            of: type, describing: self.node.property(key.stringValue, required: !isOptional), depth: self.depth)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try SchemaDecoder.example(
            of: type, describing: self.node.property(key.stringValue, required: false), depth: self.depth)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let child = self.node.property(key.stringValue, required: true)
        return try SchemaDecoder(node: child, depth: self.depth + 1).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        UnkeyedSchemaContainer(node: self.node.property(key.stringValue, required: true), depth: self.depth + 1)
    }

    func superDecoder() throws -> any Decoder { SchemaDecoder(node: self.node, depth: self.depth) }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        SchemaDecoder(node: self.node.property(key.stringValue, required: true), depth: self.depth + 1)
    }
}

private struct UnkeyedSchemaContainer: UnkeyedDecodingContainer {
    let node: SchemaNode
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var count: Int? { 1 }
    var currentIndex = 0
    var isAtEnd: Bool { self.currentIndex >= 1 }

    init(node: SchemaNode, depth: Int) {
        self.node = node
        self.depth = depth
        if case .array = node.kind {} else { node.kind = .array(SchemaNode()) }
    }

    private var items: SchemaNode {
        if case .array(let items) = self.node.kind { return items }
        return SchemaNode()
    }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        self.currentIndex += 1
        return try SchemaDecoder.example(of: type, describing: self.items, depth: self.depth)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<
        NestedKey
    > {
        self.currentIndex += 1
        return try SchemaDecoder(node: self.items, depth: self.depth + 1).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        self.currentIndex += 1
        return UnkeyedSchemaContainer(node: self.items, depth: self.depth + 1)
    }

    mutating func superDecoder() throws -> any Decoder {
        self.currentIndex += 1
        return SchemaDecoder(node: self.items, depth: self.depth + 1)
    }
}

private struct SingleValueSchemaContainer: SingleValueDecodingContainer {
    let node: SchemaNode
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try SchemaDecoder.example(of: type, describing: self.node, depth: self.depth)
    }
}
