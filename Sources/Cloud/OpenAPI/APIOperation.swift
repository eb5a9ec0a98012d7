public import LambdaEvents
public import LambdaRuntime

/// One operation of an HTTP API, as the OpenAPI document lists it: its route and its OpenAPI operation object, with
/// the schemas the object refers to (`#/components/schemas/<name>`).
public struct APIOperation: Sendable, Equatable {
    /// The HTTP method in upper case, e.g. `POST`.
    public var method: String
    /// The path template, e.g. `/orders/{id}`.
    public var path: String
    /// The OpenAPI operation object: summary, parameters, request body and responses.
    public var operation: [String: JSONValue]
    /// The schemas the operation refers to, by name.
    public var schemas: [String: JSONValue]

    /// Creates an operation from its parts.
    public init(method: String, path: String, operation: [String: JSONValue], schemas: [String: JSONValue]) {
        self.method = method
        self.path = path
        self.operation = operation
        self.schemas = schemas
    }

    /// The route key, e.g. `GET /orders/{id}`.
    public var routeKey: String { "\(self.method) \(self.path)" }
}

/// A handler that can describe its HTTP API: the router, and every function built on it.
public protocol APIDescribing: Sendable {
    var apiOperations: [APIOperation] { get }
}

/// A JSON handler describes the API of the handler it wraps.
extension CodableLambdaHandler: APIDescribing where Handler: APIDescribing {
    public var apiOperations: [APIOperation] { self.handler.apiOperations }
}
