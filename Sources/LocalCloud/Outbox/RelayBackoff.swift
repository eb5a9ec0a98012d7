/// How long a stopped outbox shard rests before the relay tries it again: `first`, then twice as long each failure
/// after, up to `longest`, until a success starts it over.
struct RelayBackoff {
    private let first: Duration
    private let longest: Duration
    private var upcoming: Duration

    init(first: Duration, longest: Duration) {
        self.first = first
        self.longest = max(first, longest)
        self.upcoming = first
    }

    /// The rest before the next try, lengthening the one after it.
    mutating func next() -> Duration {
        let delay = self.upcoming
        self.upcoming = min(delay * 2, self.longest)
        return delay
    }

    /// Starts over at `first`, after a try that succeeded.
    mutating func reset() {
        self.upcoming = self.first
    }
}
