public import LambdaEvents
public import LambdaRuntime

/// A function of the app: its name, its Lambda settings, how its handler is built, and what triggers it.
public struct Function: Sendable {
    /// The function's name, unique in the app; the Lambda function and `_HANDLER` carry it.
    public let name: String
    /// Memory in MB (128–10240); on Lambda it also sets the CPU share.
    public let memoryMB: Int
    /// How long one invocation may run.
    public let timeout: Duration
    /// At most this many invocations at once; `nil` for the account's unreserved pool.
    public let reservedConcurrency: Int?
    /// The HTTP API routes that invoke this function.
    public private(set) var routes: [HTTPRoute] = []
    /// The queues that invoke this function with batches of their messages (event source mappings).
    public private(set) var queueTriggers: [EventSourceMapping] = []
    /// The rules that invoke this function asynchronously with the events they match.
    public private(set) var eventRules: [Rule] = []
    /// The schedules that invoke this function.
    public private(set) var schedules: [ScheduleTrigger] = []
    /// The app table's stream, when it invokes this function with its changes (on AWS only).
    public private(set) var tableStreams: [TableStreamTrigger] = []
    /// The names of the secrets the function reads through its `SecretStore` port.
    public private(set) var secrets: [String] = []
    /// Builds the handler once per container.
    public let makeHandler: @Sendable (FunctionContext) async throws -> any ByteBufferLambdaHandler
    /// Builds the handler and asks it for its HTTP API's operations (none unless it is ``APIDescribing``).
    public let describeAPI: @Sendable (FunctionContext) async throws -> [APIOperation]

    /// Declares a function whose handler takes and returns JSON.
    ///
    /// Inlinable, like the initializer it calls, so that an app's manifest is built with its handler types known at
    /// compile time: otherwise each declaration makes the runtime look up the handler type's conformances, dozens of
    /// searches of the binary's conformance tables on every cold start.
    @inlinable
    public init<Handler: LambdaHandler>(
        _ name: String,
        memoryMB: Int = 128,
        timeout: Duration = .seconds(3),
        reservedConcurrency: Int? = nil,
        handler: @escaping @Sendable (FunctionContext) async throws -> Handler
    ) {
        self.init(name, memoryMB: memoryMB, timeout: timeout, reservedConcurrency: reservedConcurrency) { context in
            CodableLambdaHandler(try await handler(context))
        }
    }

    /// Declares a function whose handler's event reads itself from JSON and whose output writes itself, as an HTTP
    /// API handler's do: the handler's adapter is chosen here, at compile time, instead of by asking the runtime on
    /// every cold start whether the two types conform (two searches of the binary's conformance records).
    @inlinable
    public init<Handler: LambdaHandler>(
        _ name: String,
        memoryMB: Int = 128,
        timeout: Duration = .seconds(3),
        reservedConcurrency: Int? = nil,
        handler: @escaping @Sendable (FunctionContext) async throws -> Handler
    ) where Handler.Event: JSONValueDecodable, Handler.Output: JSONBytesEncodable {
        self.init(name, memoryMB: memoryMB, timeout: timeout, reservedConcurrency: reservedConcurrency) { context in
            CodableLambdaHandler(try await handler(context))
        }
    }

    /// Declares a function whose handler works on raw bytes.
    @inlinable
    public init<Handler: ByteBufferLambdaHandler>(
        _ name: String,
        memoryMB: Int = 128,
        timeout: Duration = .seconds(3),
        reservedConcurrency: Int? = nil,
        handler: @escaping @Sendable (FunctionContext) async throws -> Handler
    ) {
        self.name = name
        self.memoryMB = memoryMB
        self.timeout = timeout
        self.reservedConcurrency = reservedConcurrency
        self.makeHandler = { context in try await handler(context) }
        self.describeAPI = { context in (try await handler(context) as? any APIDescribing)?.apiOperations ?? [] }
    }

    /// Routes HTTP API requests to this function, each given as a route key such as `GET /orders/{id}`; with
    /// `authorization`, the gateway lets only callers with a valid token (and one of its scopes) through.
    public func http(_ routeKeys: String..., authorization: RouteAuthorization = .none) -> Function {
        var copy = self
        copy.routes += routeKeys.map { HTTPRoute(routeKey: $0, authorization: authorization) }
        return copy
    }

    /// Invokes this function with batches of messages from `queue` (an event source mapping with Lambda's settings).
    public func queue(
        _ queue: String,
        batchSize: Int = 10,
        maximumBatchingWindow: Duration = .zero,
        maximumConcurrency: Int? = nil,
        reportBatchItemFailures: Bool = true
    ) -> Function {
        var copy = self
        copy.queueTriggers.append(
            EventSourceMapping(
                queue: queue, functionName: self.name, batchSize: batchSize,
                maximumBatchingWindow: maximumBatchingWindow,
                maximumConcurrency: maximumConcurrency, reportBatchItemFailures: reportBatchItemFailures
            )
        )
        return copy
    }

    /// Invokes this function asynchronously with every event on `bus` that matches `pattern` (EventBridge JSON),
    /// through a rule called `rule`.
    public func events(rule: String, on bus: String = Bus.defaultName, pattern: String) -> Function {
        var copy = self
        copy.eventRules.append(Rule(rule, on: bus, pattern: pattern, targets: [.function(self.name)]))
        return copy
    }

    /// Invokes this function on a schedule: `rate(…)`, `cron(…)` (EventBridge Scheduler's six fields) or `at(…)`,
    /// read in the IANA `timeZone`.
    public func schedule(
        _ expression: String,
        timeZone: String = "UTC",
        input: String? = nil,
        flexibleWindowMinutes: Int? = nil
    ) -> Function {
        var copy = self
        copy.schedules.append(
            ScheduleTrigger(
                expression, timeZone: timeZone, input: input, flexibleWindowMinutes: flexibleWindowMinutes)
        )
        return copy
    }

    /// Invokes this function (on AWS; the local cloud leaves it out) with batches of up to `batchSize` changes from
    /// the app table's DynamoDB stream, only those matching `filterPattern` when one is given.
    public func tableStream(batchSize: Int = 100, filterPattern: String? = nil) -> Function {
        var copy = self
        copy.tableStreams.append(TableStreamTrigger(batchSize: batchSize, filterPattern: filterPattern))
        return copy
    }

    /// Declares the secrets the function reads by `names`, so that they are provisioned (and, on AWS, the function
    /// may read them).
    public func readsSecrets(_ names: String...) -> Function {
        var copy = self
        copy.secrets += names
        return copy
    }

    /// Whether `name` is a valid Lambda function name: 1–64 letters, digits, hyphens or underscores.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
            }
    }
}
