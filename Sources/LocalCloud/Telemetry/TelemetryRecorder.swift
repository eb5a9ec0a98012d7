public import LambdaRuntime
public import Observability
import Synchronization

/// Gathers what functions and the platform report (log lines, segments, invocations) in memory, and moves it to
/// the ``TelemetryStore`` in batches, off the invocation's path: recording costs a lock and an append; reading,
/// parsing and cleaning the lines and segments (``StoredRedaction``) happens at the flush.
///
/// At most ``maximumPending`` entries of each kind wait for a flush; past that the oldest lines, or the newest
/// invocations and segments, are dropped and counted (``dropped``, the telemetry API's `GET recorder`, and a `WARN`
/// line of the `stratus` function at the next flush), so a function that floods its log cannot exhaust memory and
/// no record is lost without a trace.
public final class TelemetryRecorder: SegmentEmitter, Sendable {
    /// Where flushed records go.
    public let store: TelemetryStore
    /// How long records are kept.
    public let retention: Duration
    /// The most entries of one kind that wait for a flush.
    public let maximumPending: Int
    private let state = Mutex<State>(State())
    private let nowMilliseconds: @Sendable () -> Int64

    /// The default of ``maximumPending``.
    public static let defaultMaximumPending = 100_000

    private struct State {
        var pending = Pending()
        /// Every drop since the recorder started.
        var dropped = DroppedRecords()
        /// The drops the last flush reported in its `WARN` line.
        var reported = DroppedRecords()
    }

    private struct Pending {
        var lines: [(line: String, function: String, timeMilliseconds: Int64)] = []
        var invocations: [InvocationRecord] = []
        var segments: [(segment: ReceivedSegment, receivedMilliseconds: Int64)] = []
    }

    /// A recorder into `store` keeping records for `retention`; `nowMilliseconds` (since the Unix epoch) stamps them.
    public init(
        store: TelemetryStore, retention: Duration = .seconds(24 * 3600),
        maximumPending: Int = TelemetryRecorder.defaultMaximumPending,
        nowMilliseconds: @escaping @Sendable () -> Int64 = WallClock.nowMilliseconds
    ) {
        self.store = store
        self.retention = retention
        self.maximumPending = max(1, maximumPending)
        self.nowMilliseconds = nowMilliseconds
    }

    /// How many records were dropped since the recorder started, by kind.
    public var dropped: DroppedRecords { self.state.withLock { $0.dropped } }

    /// A sink for `function`'s output that records every line and passes it on to `forward`.
    public func capturing(_ function: String, forwardingTo forward: any LogSink) -> any LogSink {
        FunctionLogCapture(function: function, recorder: self, forward: forward)
    }

    /// Records a line `function` wrote; when ``maximumPending`` lines already wait, the oldest tenth goes first.
    public func capture(line: String, function: String) {
        let now = self.nowMilliseconds()
        self.state.withLock { state in
            if state.pending.lines.count >= self.maximumPending {
                let evicted = max(1, state.pending.lines.count / 10)
                state.pending.lines.removeFirst(evicted)
                state.dropped.logLines += evicted
            }
            state.pending.lines.append((line, function, now))
        }
    }

    /// Records an invocation for the next flush; dropped and counted when ``maximumPending`` invocations already wait.
    public func record(_ invocation: InvocationRecord) {
        self.state.withLock { state in
            guard state.pending.invocations.count < self.maximumPending else {
                state.dropped.invocations += 1
                return
            }
            state.pending.invocations.append(invocation)
        }
    }

    /// Records a finished segment (the gateway's and Lambda's own segments arrive here directly).
    public func emit(_ document: SegmentDocument) {
        guard let segment = ReceivedSegment(document) else { return }
        self.receive(segment)
    }

    /// Records a segment the daemon received; dropped and counted when ``maximumPending`` segments already wait.
    func receive(_ segment: ReceivedSegment) {
        let now = self.nowMilliseconds()
        self.state.withLock { state in
            guard state.pending.segments.count < self.maximumPending else {
                state.dropped.segments += 1
                return
            }
            state.pending.segments.append((segment, now))
        }
    }

    /// Moves everything gathered so far into the store.
    public func flush() async throws {
        let (taken, newlyDropped) = self.state.withLock { state in
            let taken = state.pending
            state.pending = Pending()
            let newlyDropped = state.dropped.since(state.reported)
            state.reported = state.dropped
            return (taken, newlyDropped)
        }
        var batch = TelemetryStore.Batch()
        for (line, function, time) in taken.lines {
            let cleaned = StoredRedaction.line(line)
            let output = FunctionOutputLine(
                line: cleaned.text, object: cleaned.object, function: function, timeMilliseconds: time)
            batch.logs.append(output.record)
            batch.metrics += output.metrics
        }
        if !newlyDropped.isEmpty {
            batch.logs.append(
                LogRecord(
                    timeMilliseconds: self.nowMilliseconds(), function: "stratus", level: "WARN",
                    message: "\(newlyDropped.summary): more arrived than the recorder keeps between flushes",
                    line: newlyDropped.summary
                ))
        }
        batch.invocations = taken.invocations
        batch.segments = taken.segments.map { (StoredRedaction.segment($0.segment), $0.receivedMilliseconds) }
        guard !batch.isEmpty else { return }
        try await self.store.write(batch)
    }

    /// Flushes every `interval` and purges records past the retention every minute, until cancelled; flushes once
    /// more on the way out.
    public func run(flushEvery interval: Duration = .milliseconds(250)) async {
        var lastPurge = ContinuousClock.now - .seconds(3600)
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            try? await self.flush()
            if ContinuousClock.now - lastPurge >= .seconds(60) {
                lastPurge = .now
                let retained = self.retention.components.seconds * 1000
                _ = try? await self.store.purge(before: self.nowMilliseconds() - retained)
            }
        }
        try? await self.flush()
    }
}

/// A function's output sink that records each line before passing it on.
struct FunctionLogCapture: LogSink {
    let function: String
    let recorder: TelemetryRecorder
    let forward: any LogSink

    func write(line: String) {
        self.recorder.capture(line: line, function: self.function)
        self.forward.write(line: line)
    }
}
