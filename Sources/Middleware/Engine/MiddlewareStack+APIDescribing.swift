public import Cloud

/// A stack around an API describes the API: wrapping a function in middlewares keeps its OpenAPI operations.
extension MiddlewareStack: APIDescribing where Handler: APIDescribing {
    /// The wrapped handler's operations, unchanged.
    public var apiOperations: [APIOperation] { self.handler.apiOperations }
}
