import Synchronization

/// A flag that exactly one caller wins: the first to ``claim()`` it.
///
/// Hands out the cold start once per process, and settles an invocation once: either its handler finished, or its
/// deadline passed first. One atomic compare-and-exchange, no lock.
package final class FirstCallerFlag: Sendable {
    private let claimed = Atomic<Bool>(false)

    package init() {}

    /// Whether some caller has claimed the flag.
    package var isClaimed: Bool {
        self.claimed.load(ordering: .acquiring)
    }

    /// Claims the flag.
    /// - Returns: `true` for the first caller only.
    package func claim() -> Bool {
        self.claimed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
    }
}
