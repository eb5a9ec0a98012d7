public import LambdaRuntime
import Synchronization

/// X-Ray's sampling rule for new traces: the first `reservoirPerSecond` requests of each second are traced, and a
/// `fixedRate` fraction of the rest. The default is X-Ray's (and Lambda's): 1 per second and 5 %.
///
/// Every request without a sampling decision asks, so the draw costs no system call: without a `random` of the
/// caller's, it comes from a xorshift generator seeded once from the system's. Sampling needs an even spread, not
/// unpredictability.
public final class TraceSampler: Sendable {
    /// How many new traces are sampled in each second before the fixed rate applies.
    public let reservoirPerSecond: Int
    /// The fraction, 0 to 1, of further requests that are sampled.
    public let fixedRate: Double
    private let state: Mutex<State>
    private let random: (@Sendable () -> Double)?
    private let nowMilliseconds: @Sendable () -> Int64

    /// The reservoir of the current second, and the generator's state.
    private struct State {
        var second: Int64 = 0
        var taken = 0
        var bits: UInt64

        /// The next draw, uniform in `0..<1` (xorshift64*, its top 53 bits).
        mutating func nextFraction() -> Double {
            self.bits ^= self.bits >> 12
            self.bits ^= self.bits << 25
            self.bits ^= self.bits >> 27
            return Double((self.bits &* 0x2545_F491_4F6C_DD1D) >> 11) / Double(1 << 53)
        }
    }

    /// Creates a sampler; negative reservoirs count as 0 and rates are clamped to 0...1. `random`, when given, draws
    /// from `0..<1` instead of the sampler's own generator, and `nowMilliseconds` (since the Unix epoch) tells the
    /// second.
    public init(
        reservoirPerSecond: Int = 1,
        fixedRate: Double = 0.05,
        random: (@Sendable () -> Double)? = nil,
        nowMilliseconds: @escaping @Sendable () -> Int64 = WallClock.nowMilliseconds
    ) {
        self.reservoirPerSecond = max(0, reservoirPerSecond)
        self.fixedRate = min(1, max(0, fixedRate))
        self.random = random
        self.nowMilliseconds = nowMilliseconds
        var system = SystemRandomNumberGenerator()
        // xorshift's state must never be zero.
        self.state = Mutex(State(bits: system.next() | 1))
    }

    /// Whether the next new trace is sampled.
    public func shouldSample() -> Bool {
        let second = self.nowMilliseconds() / 1000
        let (fromReservoir, ownDraw) = self.state.withLock { state -> (Bool, Double) in
            if state.second != second {
                state.second = second
                state.taken = 0
            }
            if state.taken < self.reservoirPerSecond {
                state.taken += 1
                return (true, 0)
            }
            return (false, self.random == nil && self.fixedRate > 0 ? state.nextFraction() : 1)
        }
        guard !fromReservoir else { return true }
        guard self.fixedRate > 0 else { return false }
        return (self.random?() ?? ownDraw) < self.fixedRate
    }
}
