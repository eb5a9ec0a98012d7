public import LambdaEvents

/// A query parameter a route reads, declared with the route so that its documentation shows it.
public struct QueryParameter: Sendable {
    /// The parameter's name in the query string.
    public var name: String
    /// What the parameter does, for the OpenAPI document.
    public var description: String
    /// Its JSON Schema, e.g. `["type": "integer", "minimum": 1]`.
    public var schema: [String: JSONValue]

    /// Declares a query parameter with its description and JSON Schema.
    public init(_ name: String, _ description: String, schema: [String: JSONValue]) {
        self.name = name
        self.description = description
        self.schema = schema
    }
}
