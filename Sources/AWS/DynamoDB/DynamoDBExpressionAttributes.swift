import Cloud
import JSONCoding

/// The placeholders of one request's expressions: every attribute name becomes `#n0`, `#n1`, … and every value
/// `:v0`, `:v1`, …, so no name or value is ever spliced into an expression's text (reserved words, dots and
/// brackets in names, and whatever a value holds, stay data).
///
/// One instance serves all the expressions of one request (a condition, an update, a key condition, a filter), as
/// DynamoDB wants one `ExpressionAttributeNames` and one `ExpressionAttributeValues` for them all.
struct DynamoDBExpressionAttributes {
    /// Placeholder to attribute name.
    private(set) var names: [String: String] = [:]
    /// Placeholder to value, in DynamoDB's JSON form.
    private(set) var values: [String: JSONValue] = [:]
    /// Attribute name to its placeholder, so a name used twice has one placeholder.
    private var placeholders: [String: String] = [:]

    /// The placeholder of the attribute (or map key) `name`.
    mutating func name(_ name: String) -> String {
        if let known = self.placeholders[name] { return known }
        let placeholder = "#n\(self.names.count)"
        self.names[placeholder] = name
        self.placeholders[name] = placeholder
        return placeholder
    }

    /// The document path `path` with a placeholder for its attribute and each map key: `#n0.#n1[2]`.
    mutating func path(_ path: AttributePath) -> String {
        var text = self.name(path.attribute)
        for element in path.elements {
            switch element {
            case .key(let key): text += "." + self.name(key)
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    /// The placeholder of a new value `value`.
    mutating func value(_ value: AttributeValue) -> String {
        let placeholder = ":v\(self.values.count)"
        self.values[placeholder] = DynamoDBAttributeCoding.encode(value)
        return placeholder
    }

    /// Adds `ExpressionAttributeNames` and `ExpressionAttributeValues` to `input`, when there are any.
    func add(to input: inout [String: JSONValue]) {
        if !self.names.isEmpty { input["ExpressionAttributeNames"] = .object(self.names.mapValues(JSONValue.string)) }
        if !self.values.isEmpty { input["ExpressionAttributeValues"] = .object(self.values) }
    }
}
