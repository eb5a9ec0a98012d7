public import Cloud
import LambdaRuntime
import Synchronization

/// A ``Clock`` that moves only when a test moves it, so that expiry, lifetimes and windows pass at once instead of
/// being waited for.
///
/// ```swift
/// let clock = ManualClock()
/// let store = InMemoryItemStore(clock: clock)
/// try await store.put(["PK": "A", "SK": "B", "expiresAt": .int(Int(clock.nowSeconds + 60))])
/// clock.advance(by: .seconds(60))
/// #expect(try await store.get(ItemKey(partition: "A", sort: "B")) == nil)
/// ```
public final class ManualClock: Clock {
    private let milliseconds: Mutex<Int64>

    /// A clock reading `nowMilliseconds` since the Unix epoch: the real time by default, so that what is not on this
    /// clock (a token's `iat` checked elsewhere, say) still reads a plausible time.
    public init(nowMilliseconds: Int64 = SystemClock().nowMilliseconds) {
        self.milliseconds = Mutex(nowMilliseconds)
    }

    public var nowMilliseconds: Int64 { self.milliseconds.withLock { $0 } }

    /// Moves the clock forward by `duration` (to the millisecond, rounded down).
    public func advance(by duration: Duration) {
        self.milliseconds.withLock { $0 += duration.wholeMilliseconds }
    }
}
