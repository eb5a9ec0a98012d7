import Cloud
import Foundation
public import Hummingbird
public import LambdaRuntime

/// The local cloud's JSON API over what it recorded, under `/_stratus/api/`:
///
/// - `GET functions?window=5m`: per function, invocations, errors, throttles, cold starts and duration p50/p90/p99;
/// - `GET logs?function=&level=&correlationId=&traceId=&since=&after=&limit=`: log events, oldest first;
/// - `GET traces?since=&limit=`: traces, newest first; `GET traces/{traceId}`: one trace's segment tree;
/// - `GET metrics?namespace=&name=&since=`: EMF metric values;
/// - `GET recorder`: the records the recorder dropped since it started, by kind (``DroppedRecords``).
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

    /// Adds the API's routes to `router`, and a `404` for every other `GET` under ``scope``. Requests reach them
    /// only once ``LocalCloudRoutes`` has checked them with ``access``.
    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get("\(Self.pathPrefix)functions") { request, _ in
            try await self.answer(request) { query throws(TelemetryAPIError) in try await self.functions(query) }
        }
        router.get("\(Self.pathPrefix)logs") { request, _ in
            try await self.answer(request) { query throws(TelemetryAPIError) in try await self.logs(query) }
        }
        router.get("\(Self.pathPrefix)traces") { request, _ in
            try await self.answer(request) { query throws(TelemetryAPIError) in try await self.traces(query) }
        }
        router.get("\(Self.pathPrefix)traces/{traceId}") { request, context in
            let traceID = context.parameters.get("traceId") ?? ""
            return try await self.answer(request) { _ throws(TelemetryAPIError) in
                try await self.trace(PercentDecoding.decode(traceID) ?? traceID)
            }
        }
        router.get("\(Self.pathPrefix)metrics") { request, _ in
            try await self.answer(request) { query throws(TelemetryAPIError) in try await self.metrics(query) }
        }
        router.get("\(Self.pathPrefix)recorder") { request, _ in
            try await self.answer(request) { _ throws(TelemetryAPIError) -> [String: DroppedRecords] in
                ["dropped": self.recorder.dropped]
            }
        }
        for unknown in [Self.scope, "\(Self.scope)**"] {
            router.get(RouterPath(unknown)) { request, _ -> Response in
                throw TelemetryAPIError.notFound("No telemetry resource at \(request.uri.path)")
            }
        }
    }

    /// The JSON of what `read` answers for the request's query parameters, once what the recorder holds is stored.
    private func answer(
        _ request: Request,
        _ read: ([String: String]) async throws(TelemetryAPIError) -> some Encodable
    ) async throws(TelemetryAPIError) -> Response {
        try? await self.recorder.flush()
        let body = try await read(APIGatewayEventBuilder.queryParameters(request.uri.query ?? "") ?? [:])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(body) else { throw TelemetryAPIError.unreadable }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func functions(_ query: [String: String]) async throws(TelemetryAPIError) -> [String: [FunctionStatistics]]
    {
        let since = try self.since(query["window"] ?? "5m", named: "window")
        let recorded = try await self.read { try await self.recorder.store.functionStatistics(since: since) }
        return ["functions": FunctionStatistics.of(self.functions, recorded: recorded)]
    }

    private func logs(_ query: [String: String]) async throws(TelemetryAPIError) -> LogPage {
        let filter = LogFilter(
            function: query["function"], level: query["level"], correlationID: query["correlationId"],
            traceID: query["traceId"],
            sinceMilliseconds: try query["since"].map { text throws(TelemetryAPIError) in
                try self.since(text, named: "since")
            } ?? self.retentionStart,
            afterSequence: try query["after"].map { text throws(TelemetryAPIError) in
                guard let after = Int64(text), after >= 0 else {
                    throw .badParameter("after must be a sequence number, not \(text)")
                }
                return after
            },
            limit: try self.limit(query["limit"], default: 100, maximum: 10_000)
        )
        let records = try await self.read { try await self.recorder.store.logs(filter) }
        return LogPage(
            logs: records.map(LogPage.Event.init), lastSequence: records.last?.sequence ?? filter.afterSequence ?? 0)
    }

    private func traces(_ query: [String: String]) async throws(TelemetryAPIError) -> TraceList {
        let since = try self.since(query["since"] ?? "1h", named: "since")
        let limit = try self.limit(query["limit"], default: 50, maximum: 1000)
        let byTrace = try await self.read { try await self.recorder.store.segmentsByTrace(since: since, limit: limit) }
        let summaries = byTrace.compactMap { TraceTree(traceID: $0.key, documents: $0.value).map(TraceSummary.init) }
            .sorted { $0.startTime > $1.startTime }
        return TraceList(traces: summaries)
    }

    private func trace(_ traceID: String) async throws(TelemetryAPIError) -> TraceTree {
        let documents = try await self.read { try await self.recorder.store.segments(ofTrace: traceID) }
        guard let tree = TraceTree(traceID: traceID, documents: documents) else {
            throw .notFound("No trace \(traceID) is recorded")
        }
        return tree
    }

    private func metrics(_ query: [String: String]) async throws(TelemetryAPIError) -> [String: [MetricValue]] {
        let since = try self.since(query["since"] ?? "1h", named: "since")
        let points = try await self.read {
            try await self.recorder.store.metrics(namespace: query["namespace"], name: query["name"], since: since)
        }
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
        guard let limit = Int(text), (1...maximum).contains(limit) else {
            throw .badParameter("limit must be between 1 and \(maximum), not \(text)")
        }
        return limit
    }

    private func read<T>(_ query: () async throws -> T) async throws(TelemetryAPIError) -> T {
        do {
            return try await query()
        } catch {
            throw .storeUnavailable("\(error)")
        }
    }
}
