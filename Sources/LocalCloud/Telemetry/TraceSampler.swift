public import LambdaRuntime
import Synchronization

/// X-Ray's sampling rule for new traces: the first `reservoirPerSecond` requests of each second are traced, and a
/// `fixedRate` fraction of the rest. The default is X-Ray's (and Lambda's): 1 per second and 5 %.
public final class TraceSampler: Sendable {
    /// How many new traces are sampled in each second before the fixed rate applies.
    public let reservoirPerSecond: Int
    /// The fraction, 0 to 1, of further requests that are sampled.
    public let fixedRate: Double
    private let reservoir = Mutex<(second: Int64, taken: Int)>((0, 0))
    private let random: @Sendable () -> Double
    private let nowMilliseconds: @Sendable () -> Int64

    /// Creates a sampler; negative reservoirs count as 0 and rates are clamped to 0...1. `random` draws from `0..<1`
    /// and `nowMilliseconds` (since the Unix epoch) tells the second.
    public init(
        reservoirPerSecond: Int = 1,
        fixedRate: Double = 0.05,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        nowMilliseconds: @escaping @Sendable () -> Int64 = WallClock.nowMilliseconds
    ) {
        self.reservoirPerSecond = max(0, reservoirPerSecond)
        self.fixedRate = min(1, max(0, fixedRate))
        self.random = random
        self.nowMilliseconds = nowMilliseconds
    }

    /// Whether the next new trace is sampled.
    public func shouldSample() -> Bool {
        let second = self.nowMilliseconds() / 1000
        let fromReservoir = self.reservoir.withLock { reservoir in
            if reservoir.second != second { reservoir = (second, 0) }
            guard reservoir.taken < self.reservoirPerSecond else { return false }
            reservoir.taken += 1
            return true
        }
        return fromReservoir || (self.fixedRate > 0 && self.random() < self.fixedRate)
    }
}
