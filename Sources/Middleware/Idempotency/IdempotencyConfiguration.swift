/// How long idempotency records live and whether completed ones are also cached in memory.
public struct IdempotencyConfiguration: Sendable {
    /// How long a completed record answers repeats: one hour by default, as in Powertools.
    public var expiry: Duration
    /// How many completed records to keep in memory (least recently used go first); `nil` keeps none. In-progress
    /// records are never cached.
    public var localCacheCapacity: Int?

    /// Creates a configuration; the defaults keep records an hour and cache none in memory.
    public init(expiry: Duration = .seconds(3600), localCacheCapacity: Int? = nil) {
        self.expiry = expiry
        self.localCacheCapacity = localCacheCapacity
    }
}
