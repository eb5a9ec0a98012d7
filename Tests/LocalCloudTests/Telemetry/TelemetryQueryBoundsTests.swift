import Foundation
import LocalCloud
import Observability
import Synchronization
import Testing

/// The telemetry queries read only what they answer (`traces?limit=` in SQL, `functions` aggregated in SQL), and
/// nothing older than the retention.
@Suite struct TelemetryQueryBoundsTests {
    /// A one-segment trace started at `second` (epoch seconds).
    static func trace(_ index: Int, startingAt second: Double) -> SegmentDocument {
        var stage = SegmentDocument(
            name: "stratus/default", id: String(format: "%016x", index + 1),
            traceID: String(format: "1-6b0f5ebc-%024x", index), startTime: second)
        stage.endTime = second + 0.01
        return stage
    }

    @Test func theLimitPicksTheNewestTracesInTheStore() async throws {
        let store = try TelemetryStore(path: nil)
        let recorder = TelemetryRecorder(store: store, nowMilliseconds: { TelemetryAPITests.now })
        for index in 0..<30 { recorder.emit(Self.trace(index, startingAt: 1000 + Double(index))) }
        try await recorder.flush()
        let newest = try await store.segmentsByTrace(since: 0, limit: 3)
        #expect(Set(newest.keys) == Set((27..<30).map { String(format: "1-6b0f5ebc-%024x", $0) }))

        let api = TelemetryAPI(
            recorder: recorder, functions: [], access: TelemetryAPITests.access,
            nowMilliseconds: { TelemetryAPITests.now })
        let listed = try #require(
            try await TelemetryAPITests.get(api, "traces", "limit=2").1["traces"] as? [[String: Any]])
        #expect(
            listed.map { $0["traceId"] as? String } == [
                String(format: "1-6b0f5ebc-%024x", 29), String(format: "1-6b0f5ebc-%024x", 28),
            ])
    }

    @Test func sinceReachesNoFurtherBackThanTheRetention() async throws {
        let store = try TelemetryStore(path: nil)
        let received = Mutex(TelemetryAPITests.now - 2 * 3_600_000)
        let recorder = TelemetryRecorder(
            store: store, retention: .seconds(3600), nowMilliseconds: { received.withLock { $0 } })
        recorder.emit(Self.trace(1, startingAt: 1000))
        recorder.capture(line: "two hours ago", function: "orders")
        try await recorder.flush()
        received.withLock { $0 = TelemetryAPITests.now }
        recorder.emit(Self.trace(2, startingAt: 2000))
        recorder.capture(line: "now", function: "orders")
        try await recorder.flush()

        // Not purged yet, but past the retention: not answered, however far back `since` asks.
        let api = TelemetryAPI(
            recorder: recorder, functions: [], access: TelemetryAPITests.access,
            nowMilliseconds: { TelemetryAPITests.now })
        let traces = try #require(
            try await TelemetryAPITests.get(api, "traces", "since=30d").1["traces"] as? [[String: Any]])
        #expect(traces.map { $0["traceId"] as? String } == [String(format: "1-6b0f5ebc-%024x", 2)])
        let logs = try #require(try await TelemetryAPITests.get(api, "logs", "since=0").1["logs"] as? [[String: Any]])
        #expect(logs.map { $0["message"] as? String } == ["now"])
    }

    @Test func functionStatisticsAreAggregatedInTheStoreByNearestRank() async throws {
        let store = try TelemetryStore(path: nil)
        let recorder = TelemetryRecorder(store: store, nowMilliseconds: { TelemetryAPITests.now })
        for milliseconds in 1...10 {
            recorder.record(
                InvocationRecord(
                    timeMilliseconds: TelemetryAPITests.now, function: "auth",
                    durationMicroseconds: Int64(milliseconds) * 1000,
                    outcome: milliseconds == 10 ? .error : .success, isColdStart: milliseconds == 1))
        }
        recorder.record(
            InvocationRecord(
                timeMilliseconds: TelemetryAPITests.now, function: "auth", durationMicroseconds: 0, outcome: .throttle,
                isColdStart: true))
        recorder.record(
            InvocationRecord(
                timeMilliseconds: TelemetryAPITests.now, function: "orders", durationMicroseconds: 0,
                outcome: .throttle, isColdStart: false))
        try await recorder.flush()

        let statistics = try await store.functionStatistics(since: 0)
        // Nearest rank: the 5th, 9th and 10th of 10; the throttled call is neither an invocation nor a cold start.
        #expect(
            statistics.first { $0.function == "auth" }
                == FunctionStatistics(
                    function: "auth", invocations: 10, errors: 1, throttles: 1, coldStarts: 1,
                    duration: .init(p50: 5, p90: 9, p99: 10)))
        #expect(statistics.first { $0.function == "orders" } == FunctionStatistics(function: "orders", throttles: 1))
    }
}
