import Foundation
import HTTPTypes
import LocalCloud
import Observability
import StratusTesting
import Synchronization
import Testing

/// `/_stratus/api/` over what a recorder gathered: function lines (Powertools JSON, EMF, Lambda's text format),
/// invocations and segments.
@Suite struct TelemetryAPITests {
    static let now: Int64 = 1_796_169_404_000
    static let trace = "1-6b0f5ebc-891b82213344a78cc2a622a1"

    static let adminToken = "test-admin-token-0123456789"
    static let access = TelemetryAccess(adminToken: Self.adminToken, serverHost: "127.0.0.1")
    /// What a legitimate reader sends: this server's host and the admin token.
    static let headers: HTTPFields = [.hostHeader: "127.0.0.1:3000", .authorization: "Bearer \(Self.adminToken)"]

    static func recorder(now: Int64 = Self.now) throws -> TelemetryRecorder {
        TelemetryRecorder(store: try TelemetryStore(path: nil), nowMilliseconds: { now })
    }

    static func get(_ api: TelemetryAPI, _ path: String, _ query: String = "") async throws -> (Int, [String: Any]) {
        let response = try await api.answer(
            GatewayRequest(method: .get, path: "/_stratus/api/" + path, rawQueryString: query, headers: Self.headers))
        let body = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        return (response.status.code, body)
    }

    @Test func logsAreFilteredByFunctionLevelCorrelationAndTraceAndFollowedBySequence() async throws {
        let recorder = try Self.recorder()
        recorder.capture(
            line:
                #"{"level":"INFO","message":"Order placed","correlation_id":"req-A","xray_trace_id":"\#(Self.trace)","function_request_id":"r1"}"#,
            function: "orders")
        recorder.capture(
            line: #"{"level":"ERROR","message":"Store down","correlation_id":"req-B"}"#, function: "orders")
        recorder.capture(line: "2026-12-01T23:56:44.013Z\tr2\tWARN\tslow start", function: "auth")
        recorder.capture(
            line:
                #"{"_aws":{"Timestamp":1796169404013,"CloudWatchMetrics":[{"Namespace":"stratus","Dimensions":[["service","currency"]],"Metrics":[{"Name":"OrderValue","Unit":"None"}]}]},"service":"orders","currency":"EUR","OrderValue":8498}"#,
            function: "orders")
        recorder.capture(line: "plain text", function: "auth")
        let api = TelemetryAPI(
            recorder: recorder, functions: ["orders", "auth"], access: Self.access, nowMilliseconds: { Self.now })

        let (status, all) = try await Self.get(api, "logs")
        #expect(status == 200)
        let events = try #require(all["logs"] as? [[String: Any]])
        #expect(events.map { $0["level"] as? String } == ["INFO", "ERROR", "WARN", "METRIC", nil])
        #expect(events[2]["requestId"] as? String == "r2" && events[2]["message"] as? String == "slow start")
        #expect(all["lastSequence"] as? Int == 5)

        #expect(
            (try await Self.get(api, "logs", "correlationId=req-A").1["logs"] as? [[String: Any]])?.map {
                $0["message"] as? String
            } == ["Order placed"])
        #expect((try await Self.get(api, "logs", "traceId=\(Self.trace)").1["logs"] as? [[String: Any]])?.count == 1)
        #expect((try await Self.get(api, "logs", "function=auth").1["logs"] as? [[String: Any]])?.count == 2)
        #expect(
            (try await Self.get(api, "logs", "level=error").1["logs"] as? [[String: Any]])?.map {
                $0["message"] as? String
            } == ["Store down"])
        #expect((try await Self.get(api, "logs", "after=3").1["logs"] as? [[String: Any]])?.count == 2)
        #expect(
            (try await Self.get(api, "logs", "limit=2").1["logs"] as? [[String: Any]])?.map { $0["sequence"] as? Int }
                == [4, 5])

        let metrics = try #require(
            try await Self.get(api, "metrics", "name=OrderValue").1["metrics"] as? [[String: Any]])
        #expect(metrics.count == 1)
        #expect(
            metrics[0]["value"] as? Double == 8498
                && (metrics[0]["dimensions"] as? [String: String]) == ["service": "orders", "currency": "EUR"])
    }

    @Test func functionsReportCountsAndDurationPercentilesOverTheWindow() async throws {
        let recorder = try Self.recorder()
        for index in 1...100 {
            recorder.record(
                InvocationRecord(
                    timeMilliseconds: Self.now - 1000, function: "orders", durationMicroseconds: Int64(index) * 1000,
                    outcome: index % 10 == 0 ? .error : .success, isColdStart: index == 1))
        }
        recorder.record(
            InvocationRecord(
                timeMilliseconds: Self.now - 1000, function: "orders", durationMicroseconds: 0, outcome: .throttle,
                isColdStart: false))
        recorder.record(
            InvocationRecord(
                timeMilliseconds: Self.now - 600_000, function: "orders", durationMicroseconds: 999_000_000,
                outcome: .error, isColdStart: false))
        let api = TelemetryAPI(
            recorder: recorder, functions: ["orders", "health"], access: Self.access, nowMilliseconds: { Self.now })

        let functions = try #require(
            try await Self.get(api, "functions", "window=5m").1["functions"] as? [[String: Any]])
        #expect(functions.map { $0["function"] as? String } == ["health", "orders"])
        #expect(functions[0]["invocations"] as? Int == 0 && functions[0]["duration"] == nil)
        let orders = functions[1]
        #expect(orders["invocations"] as? Int == 100)
        #expect(orders["errors"] as? Int == 10)
        #expect(orders["throttles"] as? Int == 1)
        #expect(orders["coldStarts"] as? Int == 1)
        #expect(orders["duration"] as? [String: Double] == ["p50": 50, "p90": 90, "p99": 99])
        let wider = try #require(try await Self.get(api, "functions", "window=1h").1["functions"] as? [[String: Any]])
        #expect(wider[1]["errors"] as? Int == 11)
    }

    @Test func recordsPastThePendingLimitAreDroppedCountedAndReported() async throws {
        let recorder = TelemetryRecorder(
            store: try TelemetryStore(path: nil), maximumPending: 2, nowMilliseconds: { Self.now })
        for index in 1...3 {
            recorder.capture(line: "line \(index)", function: "orders")
            recorder.record(
                InvocationRecord(
                    timeMilliseconds: Self.now, function: "orders", durationMicroseconds: 1000, outcome: .success,
                    isColdStart: false))
            var segment = SegmentDocument(
                name: "orders", id: "aaaaaaaaaaaaaaa\(index)", traceID: Self.trace, startTime: 100)
            segment.endTime = 101
            recorder.emit(segment)
        }
        let api = TelemetryAPI(
            recorder: recorder, functions: ["orders"], access: Self.access, nowMilliseconds: { Self.now })

        let (status, body) = try await Self.get(api, "recorder")
        #expect(status == 200)
        #expect(body["dropped"] as? [String: Int] == ["logLines": 1, "invocations": 1, "segments": 1])
        let lines = try #require(try await Self.get(api, "logs").1["logs"] as? [[String: Any]])
        #expect(lines.compactMap { $0["message"] as? String }.prefix(2) == ["line 2", "line 3"])
        let warning = try #require(lines.last)
        #expect(warning["function"] as? String == "stratus" && warning["level"] as? String == "WARN")
        #expect(
            (warning["message"] as? String)?.hasPrefix(
                "1 log lines, 1 invocation records and 1 trace segments were dropped") == true)
        let functions = try #require(try await Self.get(api, "functions").1["functions"] as? [[String: Any]])
        #expect(functions.first?["invocations"] as? Int == 2)
        // Reported once: the next flush writes no second warning, and the totals stay.
        #expect((try await Self.get(api, "logs").1["logs"] as? [[String: Any]])?.count == lines.count)
        #expect((try await Self.get(api, "recorder").1["dropped"] as? [String: Int])?["segments"] == 1)
    }

    @Test func tracesListNewestFirstAndOneTraceIsItsSegmentTree() async throws {
        let recorder = try Self.recorder()
        var stage = SegmentDocument(
            name: "stratus/default", id: "aaaaaaaaaaaaaaaa", traceID: Self.trace, startTime: 100)
        stage.endTime = 100.010
        stage.origin = "AWS::ApiGateway::Stage"
        stage.http = .init(request: .init(method: "POST", url: "/orders"), response: .init(status: 201))
        var invoke = SegmentDocument(name: "Lambda", id: "bbbbbbbbbbbbbbbb", startTime: 100.001)
        invoke.endTime = 100.009
        stage.subsegments = [invoke]
        var function = SegmentDocument(
            name: "orders", id: "cccccccccccccccc", traceID: Self.trace, parentID: "bbbbbbbbbbbbbbbb",
            startTime: 100.002)
        function.endTime = 100.008
        var handler = SegmentDocument(
            name: "## orders", id: "dddddddddddddddd", traceID: Self.trace, parentID: "cccccccccccccccc",
            startTime: 100.003)
        handler.type = "subsegment"
        handler.endTime = 100.007
        var store = SegmentDocument(name: "DynamoDB", id: "eeeeeeeeeeeeeeee", startTime: 100.004)
        store.endTime = 100.005
        store.fault = true
        handler.subsegments = [store]
        for document in [handler, function, stage] { recorder.emit(document) }
        var older = SegmentDocument(
            name: "stratus/default", id: "ffffffffffffffff", traceID: "1-6b0f5eb0-000000000000000000000000",
            startTime: 90)
        older.endTime = 90.5
        recorder.emit(older)
        let api = TelemetryAPI(recorder: recorder, functions: [], access: Self.access, nowMilliseconds: { Self.now })

        let traces = try #require(try await Self.get(api, "traces").1["traces"] as? [[String: Any]])
        #expect(traces.map { $0["traceId"] as? String } == [Self.trace, "1-6b0f5eb0-000000000000000000000000"])
        #expect(
            traces[0]["segmentCount"] as? Int == 5 && traces[0]["fault"] as? Bool == true
                && traces[0]["status"] as? Int == 201)
        #expect(traces[0]["durationMilliseconds"] as? Double == 10)

        let (status, tree) = try await Self.get(api, "traces/\(Self.trace)")
        #expect(status == 200)
        func names(_ node: [String: Any]) -> String {
            let children = (node["subsegments"] as? [[String: Any]] ?? []).map(names)
            return (node["name"] as? String ?? "?")
                + (children.isEmpty ? "" : "(" + children.joined(separator: ",") + ")")
        }
        let roots = try #require(tree["segments"] as? [[String: Any]])
        #expect(roots.map(names) == ["stratus/default(Lambda(orders(## orders(DynamoDB))))"])
        #expect(roots[0]["offsetMilliseconds"] as? Double == 0)
    }

    @Test func badQueriesAreProblemsAndOtherPathsAreNotTheAPIs() async throws {
        let api = TelemetryAPI(
            recorder: try Self.recorder(), functions: [], access: Self.access, nowMilliseconds: { Self.now })
        for (path, query, status) in [
            ("logs", "since=yesterday", 400), ("logs", "limit=0", 400), ("logs", "after=-1", 400),
            ("functions", "window=5x", 400), ("traces/1-00000000-000000000000000000000000", "", 404),
            ("nothing", "", 404),
        ] {
            let (answered, problem) = try await Self.get(api, path, query)
            #expect(answered == status, "\(path)?\(query)")
            #expect(
                problem["status"] as? Int == status && problem["detail"] is String && problem["requestId"] is String)
        }
        let post = try await api.answer(
            GatewayRequest(method: .post, path: "/_stratus/api/logs", headers: Self.headers))
        #expect(post.status == 405)
        let routes = LocalCloudRoutes(telemetryAPI: api)
        #expect(
            routes.claims(method: .post, path: "/_stratus/api/logs") && routes.claims(method: .get, path: "/_stratus"))
        #expect(!routes.claims(method: .get, path: "/orders") && !routes.claims(method: .get, path: "/_stratusx"))
    }

    @Test func recordsPastTheRetentionArePurged() async throws {
        let recorder = try Self.recorder()
        recorder.capture(line: "old", function: "orders")
        recorder.record(
            InvocationRecord(
                timeMilliseconds: Self.now, function: "orders", durationMicroseconds: 1, outcome: .success,
                isColdStart: false))
        try await recorder.flush()
        #expect(try await recorder.store.purge(before: Self.now + 1) == 2)
        #expect(try await recorder.store.logs(LogFilter()).isEmpty)
    }

    @Test func aTelemetryFileKeepsItsRecordsAcrossReopening() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("telemetry.sqlite")
        let first = TelemetryRecorder(store: try TelemetryStore(path: path), nowMilliseconds: { Self.now })
        first.capture(line: "before the restart", function: "orders")
        try await first.flush()
        let reopened = try TelemetryStore(path: path)
        #expect(try await reopened.logs(LogFilter()).map(\.message) == ["before the restart"])
    }

    @Test func theSamplerTakesItsReservoirEachSecondThenItsRate() {
        let clock = Mutex<Int64>(1_000)
        let draws = Mutex<[Double]>([0.9, 0.01, 0.9])
        let sampler = TraceSampler(
            reservoirPerSecond: 2, fixedRate: 0.05,
            random: { draws.withLock { $0.isEmpty ? 0.99 : $0.removeFirst() } },
            nowMilliseconds: { clock.withLock { $0 } })
        #expect([sampler.shouldSample(), sampler.shouldSample()] == [true, true])
        #expect([sampler.shouldSample(), sampler.shouldSample(), sampler.shouldSample()] == [false, true, false])
        clock.withLock { $0 = 2_000 }
        #expect(sampler.shouldSample())
    }

    @Test func theSamplersOwnGeneratorSamplesItsRate() {
        let sampler = TraceSampler(reservoirPerSecond: 0, fixedRate: 0.05, nowMilliseconds: { 1_000 })
        let sampled = (0..<100_000).count { _ in sampler.shouldSample() }
        #expect((4_500...5_500).contains(sampled))
        #expect(!TraceSampler(reservoirPerSecond: 0, fixedRate: 0).shouldSample())
    }
}
