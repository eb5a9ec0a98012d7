/// Encodes what ``StreamingJSONEncoder`` cannot follow as it writes (containers nested by hand, super encoders, a
/// second container opened by one value) into a tree of nodes that containers fill in any order; each value the
/// containers are given is encoded by the streaming encoder again, so only the containers themselves cost a node.
final class JSONTreeEncoder: Encoder {
    let node: JSONTreeNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: JSONTreeNode, codingPath: [any CodingKey]) {
        self.node = node
        self.codingPath = codingPath
    }

    /// `value` as a JSON value, its containers built as a tree.
    static func encode(_ value: some Encodable) throws -> JSONValue {
        let encoder = JSONTreeEncoder(node: JSONTreeNode(), codingPath: [])
        try value.encode(to: encoder)
        return encoder.node.value
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        self.node.becomeObject()
        return KeyedEncodingContainer(JSONTreeKeyedContainer<Key>(node: self.node, codingPath: self.codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        self.node.becomeArray()
        return JSONTreeUnkeyedContainer(node: self.node, codingPath: self.codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONTreeSingleValueContainer(node: self.node, codingPath: self.codingPath)
    }
}

/// One value of the tree: a finished value, or an object or array whose members containers still add.
final class JSONTreeNode {
    private enum Content {
        case nothing
        case value(JSONValue)
        case object([String: JSONTreeNode])
        case array([JSONTreeNode])
    }

    private var content = Content.nothing

    init() {}

    init(_ value: JSONValue) {
        self.content = .value(value)
    }

    /// The value; a node nothing was written to is `{}`, as Foundation writes it.
    var value: JSONValue {
        switch self.content {
        case .nothing: .object([:])
        case .value(let value): value
        case .object(let members): .object(members.mapValues(\.value))
        case .array(let elements): .array(elements.map(\.value))
        }
    }

    func becomeObject() {
        if case .object = self.content { return }
        self.content = .object([:])
    }

    func becomeArray() {
        if case .array = self.content { return }
        self.content = .array([])
    }

    func set(_ value: JSONValue) {
        self.content = .value(value)
    }

    /// Adds `member` under `key` to this object.
    func add(_ member: JSONTreeNode, forKey key: String) {
        guard case .object(var members) = self.content else { return }
        self.content = .nothing
        members[key] = member
        self.content = .object(members)
    }

    /// Appends `element` to this array.
    func append(_ element: JSONTreeNode) {
        guard case .array(var elements) = self.content else { return }
        self.content = .nothing
        elements.append(element)
        self.content = .array(elements)
    }

    var count: Int {
        if case .array(let elements) = self.content { return elements.count }
        return 0
    }
}

struct JSONTreeKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: JSONTreeNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws {
        self.node.add(JSONTreeNode(.null), forKey: key.stringValue)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        self.node.add(JSONTreeNode(try JSONValue(encoding: value)), forKey: key.stringValue)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        self.superEncoder(forKey: key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        self.superEncoder(forKey: key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        self.encoder(for: JSONKey.super)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        self.encoder(for: key)
    }

    private func encoder(for key: any CodingKey) -> JSONTreeEncoder {
        let member = JSONTreeNode()
        self.node.add(member, forKey: key.stringValue)
        return JSONTreeEncoder(node: member, codingPath: self.codingPath + [key])
    }
}

struct JSONTreeUnkeyedContainer: UnkeyedEncodingContainer {
    let node: JSONTreeNode
    let codingPath: [any CodingKey]
    var count: Int { self.node.count }

    mutating func encodeNil() throws {
        self.node.append(JSONTreeNode(.null))
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        self.node.append(JSONTreeNode(try JSONValue(encoding: value)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        self.superEncoder().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        self.superEncoder().unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let element = JSONTreeNode()
        let key = JSONKey.index(self.node.count)
        self.node.append(element)
        return JSONTreeEncoder(node: element, codingPath: self.codingPath + [key])
    }
}

struct JSONTreeSingleValueContainer: SingleValueEncodingContainer {
    let node: JSONTreeNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws {
        self.node.set(.null)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        self.node.set(try JSONValue(encoding: value))
    }
}
