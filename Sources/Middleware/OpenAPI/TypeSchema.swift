public import LambdaEvents

/// The JSON Schema of a body type: its shape as decoding reveals it (``SchemaDecoder``) with the constraints of its
/// validation rules (``Validatable``) where JSON Schema can state them.
public enum TypeSchema {
    /// The schema of `type`; `{}` (anything) for a type that cannot be described.
    public static func schema(of type: any Decodable.Type) -> JSONValue {
        let node = SchemaNode()
        guard let example = try? Self.example(of: type, describing: node) else { return [:] }
        if let validatable = example as? any Validatable {
            var validator = Validator(describing: ())
            validatable.validate(&validator)
            for (field, constraint) in validator.describedConstraints where constraint != .none {
                node.apply(constraint.keywords, at: field)
            }
        }
        return node.schema
    }

    /// The schema of an answer type, when it can be decoded too (every answer type of ours is `Codable`).
    public static func schema(ofAnswer type: any Encodable.Type) -> JSONValue {
        guard let decodable = type as? any Decodable.Type else { return [:] }
        return Self.schema(of: decodable)
    }

    /// The name a type's schema has under `#/components/schemas`.
    public static func name(of type: Any.Type) -> String {
        String(describing: type)
    }

    private static func example<T: Decodable>(of type: T.Type, describing node: SchemaNode) throws -> T {
        try SchemaDecoder.example(of: type, describing: node)
    }
}
