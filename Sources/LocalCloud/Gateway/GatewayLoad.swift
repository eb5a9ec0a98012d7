import LambdaRuntime
import NIOCore
import Synchronization

/// How busy the local API gateway is: how many requests it is answering at once, on average over a short window.
///
/// On AWS the asynchronous half of an app (the table's stream, the bus, the queues and the functions they invoke)
/// runs on capacity of its own; on one machine it shares the cores with the gateway. Work that can wait asks
/// ``waitForSpareCapacity(atMost:)`` before it goes on, so that a burst of requests is not slowed down by the work it
/// sets off: the outbox relay holds its events back (they stay in the store) while the gateway is saturated, at most
/// for the time it is given.
public final class GatewayLoad: Sendable {
    /// The requests in flight at once that make the gateway look saturated: four, a load test's many connections
    /// rather than a few clients whose requests now and then overlap. A client that sends one request after another
    /// never makes it so.
    public static let crowd = 4
    /// The requests the gateway must go on answering at once, on average over each ``samplingWindow``, to stay
    /// saturated once it looked so: two. Lower than ``crowd``, so that a moment between a load test's requests does
    /// not end the wait; over one, so that a few clients' requests overlapping now and then do.
    public static let saturation = 2.0
    /// How long one look at the gateway's load lasts.
    public static let samplingWindow = Duration.milliseconds(10)

    /// Counted on every request, so kept in integer nanoseconds of the monotonic clock: `Duration`'s 128-bit
    /// arithmetic under the lock cost a `GET` burst about 1 % of the gateway's CPU.
    private struct State {
        var inFlight = 0
        /// The sum over time of the requests in flight up to `lastChange`, in request-nanoseconds.
        var requestNanoseconds: Int64 = 0
        /// When a request last began or ended.
        var lastChange: Int64?
        /// When ``crowd`` or more requests were last in flight at once.
        var lastCrowded: Int64?

        /// The sum over time of the requests in flight up to `now`.
        func requestNanoseconds(at now: Int64) -> Int64 {
            guard let lastChange else { return 0 }
            return self.requestNanoseconds + (now - lastChange) * Int64(self.inFlight)
        }
    }

    private let state = Mutex(State())
    private static let samplingWindowNanoseconds = samplingWindow.wholeNanoseconds

    /// A gateway answering nothing yet.
    public init() {}

    /// Counts a request the gateway starts answering; each is matched by one ``end()``.
    func begin() {
        self.change(by: 1)
    }

    /// Counts a request answered.
    func end() {
        self.change(by: -1)
    }

    private func change(by step: Int) {
        let now = Self.nowNanoseconds()
        self.state.withLock { state in
            state.requestNanoseconds = state.requestNanoseconds(at: now)
            state.lastChange = now
            state.inFlight += step
            if state.inFlight >= Self.crowd || step < 0 && state.inFlight == Self.crowd - 1 {
                state.lastCrowded = now
            }
        }
    }

    /// The sum over time of the requests in flight up to `now`, and whether fewer than ``crowd`` were in flight at
    /// every moment of the last ``samplingWindow``.
    private func sample(at now: Int64) -> (requestNanoseconds: Int64, uncrowded: Bool) {
        self.state.withLock { state in
            let uncrowded =
                state.inFlight < Self.crowd
                && state.lastCrowded.map { now - $0 >= Self.samplingWindowNanoseconds } ?? true
            return (state.requestNanoseconds(at: now), uncrowded)
        }
    }

    private static func nowNanoseconds() -> Int64 {
        Int64(NIODeadline.now().uptimeNanoseconds)
    }

    /// Waits while the gateway is saturated: returns `true` at once when fewer than ``crowd`` requests were in flight
    /// at every moment of the last ``samplingWindow``, else looks at it a window at a time and returns `true` after
    /// the first in which it answered fewer than ``saturation`` requests at once on average; `false` when `limit`
    /// passed first or the task was cancelled.
    @discardableResult
    public func waitForSpareCapacity(atMost limit: Duration) async -> Bool {
        var start = Self.nowNanoseconds()
        var sample = self.sample(at: start)
        guard !sample.uncrowded else { return true }
        // A limit beyond a century is as good as none, and keeps the deadline from overflowing.
        let deadline = start + min(max(limit, .zero), .seconds(3_153_600_000)).wholeNanoseconds
        while start < deadline {
            let wake = min(start + Self.samplingWindowNanoseconds, deadline)
            guard (try? await Task.sleep(nanoseconds: UInt64(wake - start))) != nil else { return false }
            let now = Self.nowNanoseconds()
            let next = self.sample(at: now)
            let inFlightOnAverage =
                Double(next.requestNanoseconds - sample.requestNanoseconds) / Double(max(now - start, 1))
            if inFlightOnAverage < Self.saturation { return true }
            (start, sample) = (now, next)
        }
        return false
    }
}
