/// How long a poller rests after batches that failed as a whole, so that a failing function is not invoked as fast
/// as its messages come back: ``initial`` after the first failure, twice as long after each further one, never more
/// than ``maximum``. A batch that does not fail as a whole ends the backoff.
struct PollerBackoff: Sendable {
    /// The rest after the first failure.
    let initial: Duration
    /// The longest rest.
    let maximum: Duration
    /// The failures since the last batch that did not fail.
    private(set) var failures = 0
    private var pendingRest: Duration?

    /// A backoff from `initial` up to `maximum`.
    init(initial: Duration, maximum: Duration) {
        self.initial = initial
        self.maximum = maximum
    }

    /// Counts a failure: the poller rests before its next receive.
    mutating func recordFailure() {
        self.failures += 1
        var rest = self.initial
        for _ in 1..<min(self.failures, 64) where rest < self.maximum {
            rest *= 2
        }
        self.pendingRest = min(rest, self.maximum)
    }

    /// Ends the backoff.
    mutating func recordSuccess() {
        self.failures = 0
        self.pendingRest = nil
    }

    /// The rest due before the next receive, if one is; taking it makes it no longer due.
    mutating func takeRest() -> Duration? {
        defer { self.pendingRest = nil }
        return self.pendingRest
    }
}
