/// A type decoded from one of a fixed set of strings, such as an enum with `String` raw values: its schema lists
/// them. Conform a `CaseIterable` string enum with an empty extension.
public protocol SchemaEnumerable: Decodable {
    /// Every value, as it appears in JSON.
    static var schemaValues: [String] { get }
    /// Any one value, for describing the types that contain this one.
    static var schemaExample: Self { get }
}

extension SchemaEnumerable where Self: CaseIterable & RawRepresentable, RawValue == String {
    /// The raw values of all cases, in declaration order.
    public static var schemaValues: [String] { Self.allCases.map(\.rawValue) }
    /// The first case.
    public static var schemaExample: Self { Self.allCases.first! }
}

/// Dictionaries keyed by strings, whose schema is an object with any property names.
protocol SchemaDictionary {
    static func describeValues(into node: SchemaNode, depth: Int) throws
    static var schemaExample: Self { get }
}

extension Dictionary: SchemaDictionary where Key == String, Value: Decodable {
    static func describeValues(into node: SchemaNode, depth: Int) throws {
        let values = SchemaNode()
        _ = try SchemaDecoder.example(of: Value.self, describing: values, depth: depth + 1)
        node.kind = .dictionary(values)
    }

    static var schemaExample: Self { [:] }
}
