import Cloud

/// At most ``limit`` attempts per key in a window of ``windowSeconds`` that opens with the key's first attempt.
///
/// Each attempt is reserved before the work it guards, with one conditional `ADD attempts 1` (`attempts < limit`),
/// so that callers racing in parallel cannot overshoot: of a hundred at once, `limit` get through. The window closes
/// with the counter's time to live (the store no longer sees it), and the next attempt opens a new one.
struct AttemptLimit: Sendable {
    /// Whether an attempt may go ahead.
    enum Decision: Sendable, Equatable {
        case granted
        /// The window's attempts are spent; it closes in this many seconds.
        case refused(retryAfterSeconds: Int)
    }

    let store: any ItemStore
    let limit: Int
    let windowSeconds: Int64

    private static let attempts: AttributePath = "attempts"

    /// Reserves one attempt under `key` at `nowSeconds`, or says how long until the window's attempts come back.
    func reserve(_ key: ItemKey, nowSeconds: Int64) async throws(ItemStoreError) -> Decision {
        let expiresAt = AttributePath(TableSchema.expiresAt)
        do throws(ItemStoreError) {
            try await self.store.update(
                key,
                ItemUpdate()
                    .add(Self.attempts, 1)
                    .set(expiresAt, .ifNotExists(expiresAt, .int(Int(nowSeconds + self.windowSeconds)))),
                condition: .attributeNotExists(Self.attempts) || .compare(Self.attempts, .less, .int(self.limit))
            )
            return .granted
        } catch .conditionalCheckFailed(let counter) {
            let closesAt = counter?.int(TableSchema.expiresAt).map(Int64.init) ?? nowSeconds + self.windowSeconds
            return .refused(retryAfterSeconds: Int(max(1, closesAt - nowSeconds)))
        }
    }

    /// Gives every attempt of `key` back (a success ends what the limit guards against).
    func reset(_ key: ItemKey) async throws(ItemStoreError) {
        try await self.store.delete(key)
    }
}
