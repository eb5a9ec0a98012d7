public import LambdaRuntime

/// The one declaration of an application: its functions and what triggers them.
///
/// The `bootstrap` executable runs the function named by `_HANDLER` from it, the local cloud wires its routes to the
/// same handlers, and the infrastructure is generated from it, so nothing about a function is written twice.
public struct AppManifest: Sendable {
    /// The application's name; the OpenAPI document's `info.title`.
    public let name: String
    /// The application's version, e.g. `1.2.0`; the OpenAPI document's `info.version`.
    public let version: String
    /// The app's functions, in declaration order.
    public let functions: [Function]

    /// Declares an app from the functions the builder lists.
    public init(_ name: String, version: String, @FunctionListBuilder functions: () -> [Function]) {
        self.name = name
        self.version = version
        self.functions = functions()
    }

    /// The function called `name`, if the app declares one.
    public func function(named name: String) -> Function? {
        self.functions.first { $0.name == name }
    }

    /// The names of all functions, in declaration order.
    public var functionNames: [String] {
        self.functions.map(\.name)
    }

    /// Finds the function the context names (`_HANDLER`) and builds its handler with `ports`.
    /// - Throws: ``ManifestError`` when the manifest is invalid or names no such function, or whatever the
    ///   function's initialiser throws.
    public func makeHandler(
        _ context: LambdaInitializationContext,
        ports: CloudPorts
    ) async throws -> any ByteBufferLambdaHandler {
        try self.validate()
        guard let function = self.function(named: context.handlerName) else {
            throw ManifestError.unknownFunction(context.handlerName, known: self.functionNames)
        }
        return try await function.makeHandler(FunctionContext(initialization: context, ports: ports))
    }

    /// The handler factory for `Lambda.main`: the whole app, its functions built with `ports`.
    public func handlerFactory(ports: CloudPorts) -> LambdaHandlerFactory {
        { context in try await self.makeHandler(context, ports: ports) }
    }

    /// Checks that function names are unique and well-formed, settings within Lambda's limits, and routes well-formed
    /// and claimed once.
    public func validate() throws(ManifestError) {
        var names: Set<String> = []
        var routes: [HTTPRoute: String] = [:]
        for function in self.functions {
            guard Function.isValidName(function.name) else { throw .invalidFunctionName(function.name) }
            guard names.insert(function.name).inserted else { throw .duplicateFunction(function.name) }
            guard (128...10_240).contains(function.memoryMB) else {
                throw .invalidSetting(function: function.name, "memory must be 128–10240 MB, got \(function.memoryMB)")
            }
            guard function.timeout > .zero, function.timeout <= .seconds(900) else {
                throw .invalidSetting(function: function.name, "timeout must be more than 0 s and at most 900 s")
            }
            for route in function.routes {
                guard route.isWellFormed else { throw .invalidRoute(route.routeKey, function: function.name) }
                if let owner = routes.updateValue(function.name, forKey: route) {
                    throw .duplicateRoute(route.routeKey, functions: [owner, function.name])
                }
            }
        }
    }
}

/// Collects the functions of an ``AppManifest``.
@resultBuilder
public enum FunctionListBuilder {
    /// A single function as a list.
    public static func buildExpression(_ function: Function) -> [Function] { [function] }
    /// The functions of all statements, in order.
    public static func buildBlock(_ parts: [Function]...) -> [Function] { parts.flatMap { $0 } }
    /// The functions of an `if` without `else`; none when the condition is false.
    public static func buildOptional(_ part: [Function]?) -> [Function] { part ?? [] }
    /// The functions of an `if`'s first branch.
    public static func buildEither(first part: [Function]) -> [Function] { part }
    /// The functions of an `else` branch.
    public static func buildEither(second part: [Function]) -> [Function] { part }
    /// The functions of every iteration of a `for` loop, in order.
    public static func buildArray(_ parts: [[Function]]) -> [Function] { parts.flatMap { $0 } }
}
