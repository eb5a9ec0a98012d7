public import LambdaRuntime

/// The one declaration of an application: its functions and what triggers them, and the buses, queues and rules
/// that carry its events.
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
    /// The app's event buses, in declaration order (the `default` bus needs no declaration).
    public let buses: [Bus]
    /// The app's queues, dead-letter queues included, in declaration order.
    public let queues: [Queue]
    /// The rules declared on their own, in declaration order; ``rules`` adds the functions' event triggers.
    public let declaredRules: [Rule]

    /// Declares an app from the functions, buses, queues and rules the builder lists.
    public init(_ name: String, version: String, @AppManifestBuilder components: () -> [AppComponent]) {
        self.name = name
        self.version = version
        var functions: [Function] = []
        var buses: [Bus] = []
        var queues: [Queue] = []
        var rules: [Rule] = []
        for component in components() {
            switch component {
            case .function(let function): functions.append(function)
            case .bus(let bus): buses.append(bus)
            case .queue(let queue): queues.append(queue)
            case .rule(let rule): rules.append(rule)
            }
        }
        self.functions = functions
        self.buses = buses
        self.queues = queues
        self.declaredRules = rules
    }

    /// Every rule: those declared on their own, then each function's event triggers.
    public var rules: [Rule] {
        self.declaredRules + self.functions.flatMap(\.eventRules)
    }

    /// The names of the secrets the functions read, each once, in declaration order.
    public var secretNames: [String] {
        var seen: Set<String> = []
        return self.functions.flatMap(\.secrets).filter { seen.insert($0).inserted }
    }

    /// The queue called `name`, if the app declares one.
    public func queue(named name: String) -> Queue? {
        self.queues.first { $0.name == name }
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
    ///
    /// It does not ``validate()`` the whole app, which would cost every cold start a third of a millisecond for
    /// routes and rules that Lambda does not use: `stratus serve`, `stratus invoke` and `stratus provision` validate
    /// the manifest, and so should the app's tests.
    /// - Throws: ``ManifestError/unknownFunction(_:known:)`` when the manifest names no such function, or whatever
    ///   the function's initialiser throws.
    public func makeHandler(
        _ context: LambdaInitializationContext,
        ports: CloudPorts
    ) async throws -> any ByteBufferLambdaHandler {
        guard let function = self.function(named: context.handlerName) else {
            throw ManifestError.unknownFunction(context.handlerName, known: self.functionNames)
        }
        return try await function.makeHandler(FunctionContext(initialization: context, ports: ports))
    }

    /// The handler factory for `Lambda.main`: the whole app, its functions built with `ports`.
    public func handlerFactory(ports: CloudPorts) -> LambdaHandlerFactory {
        { context in try await self.makeHandler(context, ports: ports) }
    }
}
