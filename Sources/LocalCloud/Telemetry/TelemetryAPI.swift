import Cloud
import Foundation
import HTTPTypes
public import Hummingbird
public import LambdaRuntime

/// The local cloud's JSON API over what it recorded, under `/_stratus/api/`:
///
/// - `GET functions?window=5m`: per function, invocations, errors, throttles, cold starts and duration p50/p90/p99;
/// - `GET logs?function=&level=&correlationId=&traceId=&since=&after=&limit=`: log events, oldest first;
/// - `GET traces?since=&limit=`: traces, newest first; `GET traces/{traceId}`: one trace's segment tree;
/// - `GET metrics?namespace=&name=&since=`: EMF metric values.
///
/// Times (`since`, `window`) are ISO 8601, epoch milliseconds, or a span back from now (`30s`, `15m`, `2h`, `1d`); none
/// reaches further back than the recorder's retention.
///
/// Every path under `/_stratus/` is the API's, and answered only to requests ``TelemetryAccess`` lets through (the
/// right `Host`, the run's admin token): the routes are Hummingbird routes (``addRoutes(to:)``), served with
/// ``LocalCloudRoutes``.
public struct TelemetryAPI: Sendable {
    /// Where the local cloud's own paths start: all of them are checked by ``access``.
    public static let scope = "/_stratus/"
    public static let pathPrefix = "/_stratus/api/"

    public let recorder: TelemetryRecorder
    /// Functions listed by `functions` even before their first invocation.
    public let functions: [String]
    /// Who may read.
    public let access: TelemetryAccess
    private let nowMilliseconds: @Sendable () -> Int64

    public init(
        recorder: TelemetryRecorder, functions: [String], access: TelemetryAccess,
        nowMilliseconds: @escaping @Sendable () -> Int64 = WallClock.nowMilliseconds
    ) {
        self.recorder = recorder
        self.functions = functions
        self.access = access
        self.nowMilliseconds = nowMilliseconds
    }

    /// Whether `path` is under ``scope``: such a request is the local cloud's, never a function's.
    public static func isInScope(_ path: String) -> Bool {
        path.hasPrefix(Self.scope) || path + "/" == Self.scope
    }

    /// Adds the API's routes to `router`, and a `404` for every other `GET` under ``scope``. The router's
    /// ``TelemetryAccessMiddleware`` checks the requests first.
    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get("\(Self.pathPrefix)functions") { request, _ in try self.answer(request) { query throws(TelemetryAPIError) in try self.functions(query) } }
        router.get("\(Self.pathPrefix)logs") { request, _ in try self.answer(request) { query throws(TelemetryAPIError) in try self.logs(query) } }
        router.get("\(Self.pathPrefix)traces") { request, _ in try self.answer(request) { query throws(TelemetryAPIError) in try self.traces(query) } }
        router.get("\(Self.pathPrefix)traces/{traceId}") { request, context in
            let traceID = context.parameters.get("traceId") ?? ""
            return try self.answer(request) { _ throws(TelemetryAPIError) in try self.trace(PercentDecoding.decode(traceID) ?? traceID) }
        }
        router.get("\(Self.pathPrefix)metrics") { request, _ in try self.answer(request) { query throws(TelemetryAPIError) in try self.metrics(query) } }
        for unknown in [Self.scope, "\(Self.scope)**"] {
            router.get(RouterPath(unknown)) { request, _ -> Response in
                throw TelemetryAPIError.notFound("No telemetry resource at \(request.uri.path)")
            }
        }
    }

    /// The JSON of what `read` answers for the request's query parameters, once what the recorder holds is stored.
    private func answer(
        _ request: Request,
        _ read: ([String: String]) throws(TelemetryAPIError) -> some Encodable
    ) throws(TelemetryAPIError) -> Response {
        try? self.recorder.flush()
        let body = try read(APIGatewayEventBuilder.queryParameters(request.uri.query ?? "") ?? [:])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(body) else { throw TelemetryAPIError.unreadable }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func functions(_ query: [String: String]) throws(TelemetryAPIError) -> [String: [FunctionStatistics]] {
        let since = try self.since(query["window"] ?? "5m", named: "window")
        let recorded = try self.read { try self.recorder.store.functionStatistics(since: since) }
        return ["functions": FunctionStatistics.of(self.functions, recorded: recorded)]
    }

    private func logs(_ query: [String: String]) throws(TelemetryAPIError) -> LogPage {
        let filter = LogFilter(
            function: query["function"], level: query["level"], correlationID: query["correlationId"], traceID: query["traceId"],
            sinceMilliseconds: try query["since"].map { text throws(TelemetryAPIError) in try self.since(text, named: "since") } ?? self.retentionStart,
            afterSequence: try query["after"].map { text throws(TelemetryAPIError) in
                guard let after = Int64(text), after >= 0 else { throw .badParameter("after must be a sequence number, not \(text)") }
                return after
            },
            limit: try self.limit(query["limit"], default: 100, maximum: 10_000)
        )
        let records = try self.read { try self.recorder.store.logs(filter) }
        return LogPage(logs: records.map(LogPage.Event.init), lastSequence: records.last?.sequence ?? filter.afterSequence ?? 0)
    }

    private func traces(_ query: [String: String]) throws(TelemetryAPIError) -> TraceList {
        let since = try self.since(query["since"] ?? "1h", named: "since")
        let limit = try self.limit(query["limit"], default: 50, maximum: 1000)
        let byTrace = try self.read { try self.recorder.store.segmentsByTrace(since: since, limit: limit) }
        let summaries = byTrace.compactMap { TraceTree(traceID: $0.key, documents: $0.value).map(TraceSummary.init) }
            .sorted { $0.startTime > $1.startTime }
        return TraceList(traces: summaries)
    }

    private func trace(_ traceID: String) throws(TelemetryAPIError) -> TraceTree {
        let documents = try self.read { try self.recorder.store.segments(ofTrace: traceID) }
        guard let tree = TraceTree(traceID: traceID, documents: documents) else { throw .notFound("No trace \(traceID) is recorded") }
        return tree
    }

    private func metrics(_ query: [String: String]) throws(TelemetryAPIError) -> [String: [MetricValue]] {
        let since = try self.since(query["since"] ?? "1h", named: "since")
        let points = try self.read { try self.recorder.store.metrics(namespace: query["namespace"], name: query["name"], since: since) }
        return ["metrics": points.map(MetricValue.init)]
    }

    /// The time `text` names, or the start of the retention if that is later: nothing older is answered.
    private func since(_ text: String, named name: String) throws(TelemetryAPIError) -> Int64 {
        guard let milliseconds = TimeParameter.milliseconds(text, nowMilliseconds: self.nowMilliseconds()) else {
            throw .badParameter("\(name) must be ISO 8601, epoch milliseconds or a span such as 15m, not \(text)")
        }
        return max(milliseconds, self.retentionStart)
    }

    /// The oldest time still within the recorder's retention (older records wait for the next purge).
    private var retentionStart: Int64 {
        self.nowMilliseconds() - self.recorder.retention.components.seconds * 1000
    }

    private func limit(_ text: String?, default standard: Int, maximum: Int) throws(TelemetryAPIError) -> Int {
        guard let text else { return standard }
        guard let limit = Int(text), (1...maximum).contains(limit) else { throw .badParameter("limit must be between 1 and \(maximum), not \(text)") }
        return limit
    }

    private func read<T>(_ query: () throws -> T) throws(TelemetryAPIError) -> T {
        do {
            return try query()
        } catch {
            throw .storeUnavailable("\(error)")
        }
    }
}

/// A page of log events, and the sequence to ask `after` for the next: what `logs` answers and `stratus logs` reads.
public struct LogPage: Codable, Sendable {
    public let logs: [Event]
    public let lastSequence: Int64

    public struct Event: Codable, Sendable {
        public let sequence: Int64
        public let timestamp: String
        public let function: String
        public let level: String?
        public let message: String?
        public let correlationId: String?
        public let traceId: String?
        public let requestId: String?
        public let line: String

        init(_ record: LogRecord) {
            self.sequence = record.sequence
            self.timestamp = WallClock.iso8601(milliseconds: record.timeMilliseconds)
            self.function = record.function
            self.level = record.level
            self.message = record.message
            self.correlationId = record.correlationID
            self.traceId = record.traceID
            self.requestId = record.requestID
            self.line = record.line
        }
    }
}

/// A metric value as the API lists it.
struct MetricValue: Encodable {
    let timestamp: String
    let function: String
    let namespace: String
    let name: String
    let unit: String?
    let value: Double
    let dimensions: [String: String]

    init(_ point: MetricPoint) {
        self.timestamp = WallClock.iso8601(milliseconds: point.timeMilliseconds)
        self.function = point.function
        self.namespace = point.namespace
        self.name = point.name
        self.unit = point.unit
        self.value = point.value
        self.dimensions = point.dimensions
    }
}

/// Why the telemetry API refused a request.
enum TelemetryAPIError: HTTPProblemError {
    case badParameter(String)
    case unauthorized(String)
    case notFound(String)
    case methodNotAllowed
    case misdirected(String)
    case storeUnavailable(String)
    case unreadable

    var status: HTTPResponse.Status {
        switch self {
        case .badParameter: .badRequest
        case .unauthorized: .unauthorized
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .misdirected: .misdirectedRequest
        case .storeUnavailable, .unreadable: .internalServerError
        }
    }

    var detail: String {
        switch self {
        case .badParameter(let detail), .unauthorized(let detail), .notFound(let detail), .misdirected(let detail): detail
        case .methodNotAllowed: "The telemetry API only reads (GET)"
        case .storeUnavailable(let reason): "The telemetry store cannot be read: \(reason)"
        case .unreadable: "The answer could not be encoded"
        }
    }

    /// The challenge a 401 carries.
    var headers: HTTPFields {
        if case .unauthorized = self { [.wwwAuthenticate: #"Bearer realm="stratus""#] } else { [:] }
    }
}
