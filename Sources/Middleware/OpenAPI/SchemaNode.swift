import LambdaEvents

/// A JSON Schema under construction: the shape ``SchemaDecoder`` finds, then the constraints of the type's rules.
final class SchemaNode {
    enum Kind {
        /// Not known yet, or anything (a type that decodes itself in a way the describer cannot follow).
        case any
        case string
        case integer
        case number
        case boolean
        case enumeration([String])
        case array(SchemaNode)
        /// Properties in declaration order, and which of them are required.
        case object([(name: String, node: SchemaNode)], required: [String])
        case dictionary(SchemaNode)
    }

    var kind: Kind = .any
    var keywords: [String: JSONValue] = [:]
    /// Keys of this object asked about as optional, not yet decoded.
    var optionalKeys: Set<String> = []

    /// The property named `name`, added (required or not) if the object does not have it yet.
    func property(_ name: String, required: Bool) -> SchemaNode {
        guard case .object(var properties, var requiredNames) = self.kind else {
            let node = SchemaNode()
            self.kind = .object([(name, node)], required: required ? [name] : [])
            return node
        }
        if let existing = properties.first(where: { $0.name == name }) { return existing.node }
        let node = SchemaNode()
        properties.append((name, node))
        if required { requiredNames.append(name) }
        self.kind = .object(properties, required: requiredNames)
        return node
    }

    /// Adds `keywords` to the node at `path` (`items[0].quantity`, `address.line1`), if there is one.
    func apply(_ keywords: [String: JSONValue], at path: String) {
        var node = self
        var name = ""
        func descend() -> Bool {
            guard !name.isEmpty else { return true }
            guard case .object(let properties, _) = node.kind, let next = properties.first(where: { $0.name == name })
            else {
                return false
            }
            node = next.node
            name = ""
            return true
        }
        var inIndex = false
        for character in path {
            switch character {
            case "." where !inIndex:
                guard descend() else { return }
            case "[":
                guard descend(), case .array(let items) = node.kind else { return }
                node = items
                inIndex = true
            case "]":
                inIndex = false
            default:
                if !inIndex { name.append(character) }
            }
        }
        guard descend() else { return }
        node.keywords.merge(keywords) { _, new in new }
    }

    /// The node as a JSON Schema (2020-12, as OpenAPI 3.1 uses it).
    var schema: JSONValue {
        var schema: [String: JSONValue]
        switch self.kind {
        case .any: schema = [:]
        case .string: schema = ["type": "string"]
        case .integer: schema = ["type": "integer", "format": "int64"]
        case .number: schema = ["type": "number"]
        case .boolean: schema = ["type": "boolean"]
        case .enumeration(let values): schema = ["type": "string", "enum": .array(values.map(JSONValue.string))]
        case .array(let items): schema = ["type": "array", "items": items.schema]
        case .object(let properties, let required):
            schema = [
                "type": "object",
                "properties": .object(Dictionary(properties.map { ($0.name, $0.node.schema) }) { first, _ in first }),
            ]
            if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        case .dictionary(let values): schema = ["type": "object", "additionalProperties": values.schema]
        }
        schema.merge(self.keywords) { _, new in new }
        return .object(schema)
    }
}
