public import LambdaRuntime
public import Observability
import Synchronization

/// Gathers what functions and the platform report (log lines, segments, invocations) in memory, and moves it to
/// the ``TelemetryStore`` in batches, off the invocation's path: recording costs a lock and an append; reading,
/// parsing and cleaning the lines and segments (``StoredRedaction``) happens at the flush.
///
/// At most ``maximumPending`` entries wait for a flush; past that the oldest lines are dropped and counted, so a
/// function that floods its log cannot exhaust memory.
public final class TelemetryRecorder: SegmentEmitter, Sendable {
    /// Where flushed records go.
    public let store: TelemetryStore
    /// How long records are kept.
    public let retention: Duration
    private let pending = Mutex<Pending>(Pending())
    private let nowMilliseconds: @Sendable () -> Int64

    /// The most entries of one kind that wait for a flush.
    public static let maximumPending = 100_000

    private struct Pending {
        var lines: [(line: String, function: String, timeMilliseconds: Int64)] = []
        var invocations: [InvocationRecord] = []
        var segments: [(segment: ReceivedSegment, receivedMilliseconds: Int64)] = []
        var droppedLines = 0
    }

    /// A recorder into `store` keeping records for `retention`; `nowMilliseconds` (since the Unix epoch) stamps them.
    public init(
        store: TelemetryStore, retention: Duration = .seconds(24 * 3600),
        nowMilliseconds: @escaping @Sendable () -> Int64 = WallClock.nowMilliseconds
    ) {
        self.store = store
        self.retention = retention
        self.nowMilliseconds = nowMilliseconds
    }

    /// A sink for `function`'s output that records every line and passes it on to `forward`.
    public func capturing(_ function: String, forwardingTo forward: any LogSink) -> any LogSink {
        FunctionLogCapture(function: function, recorder: self, forward: forward)
    }

    /// Records a line `function` wrote.
    public func capture(line: String, function: String) {
        let now = self.nowMilliseconds()
        self.pending.withLock { pending in
            if pending.lines.count >= Self.maximumPending {
                pending.lines.removeFirst(pending.lines.count / 10)
                pending.droppedLines += Self.maximumPending / 10
            }
            pending.lines.append((line, function, now))
        }
    }

    /// Records an invocation for the next flush; dropped when ``maximumPending`` invocations already wait.
    public func record(_ invocation: InvocationRecord) {
        self.pending.withLock { pending in
            if pending.invocations.count < Self.maximumPending { pending.invocations.append(invocation) }
        }
    }

    /// Records a finished segment (the gateway's and Lambda's own segments arrive here directly).
    public func emit(_ document: SegmentDocument) {
        guard let segment = ReceivedSegment(document) else { return }
        self.receive(segment)
    }

    /// Records a segment the daemon received.
    func receive(_ segment: ReceivedSegment) {
        let now = self.nowMilliseconds()
        self.pending.withLock { pending in
            if pending.segments.count < Self.maximumPending { pending.segments.append((segment, now)) }
        }
    }

    /// Moves everything gathered so far into the store.
    public func flush() async throws {
        let taken = self.pending.withLock { pending in
            let taken = pending
            pending = Pending()
            return taken
        }
        var batch = TelemetryStore.Batch()
        for (line, function, time) in taken.lines {
            let output = FunctionOutputLine(
                line: StoredRedaction.line(line), function: function, timeMilliseconds: time)
            batch.logs.append(output.record)
            batch.metrics += output.metrics
        }
        if taken.droppedLines > 0 {
            batch.logs.append(
                LogRecord(
                    timeMilliseconds: self.nowMilliseconds(), function: "stratus", level: "WARN",
                    message:
                        "\(taken.droppedLines) log lines were dropped: more arrived than the recorder keeps between flushes",
                    line: "\(taken.droppedLines) log lines were dropped"
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
