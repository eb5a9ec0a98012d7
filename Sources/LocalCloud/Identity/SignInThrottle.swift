import Cloud

/// Slows down guessing: after ``freeFailures`` failed sign-ins in a row for one email, the account is locked for a
/// time that doubles with each further failure (1 s, 2 s, 4 s, … up to 15 minutes), as Cognito does. Failures are
/// counted per email whether or not it has an account, so the lock gives nothing away either. A successful sign-in
/// or a password reset clears the count; a count left alone is forgotten after a day.
struct SignInThrottle: Sendable {
    static let freeFailures = 5
    static let longestLockSeconds: Int64 = 15 * 60
    static let memorySeconds: Int64 = 24 * 3600

    let store: any ItemStore

    /// Seconds until `email` may try again, or `nil` when it may now.
    func lockedSeconds(_ email: String, nowMilliseconds: Int64) async throws(ItemStoreError) -> Int? {
        guard let lockedUntil = try await self.store.get(DirectoryKeys.signInThrottle(email))?["lockedUntil"]?.numberValue?.int64Value,
            lockedUntil > nowMilliseconds
        else { return nil }
        return Int((lockedUntil - nowMilliseconds + 999) / 1000)
    }

    /// Counts a failed sign-in and locks the email once it has failed too often.
    func recordFailure(_ email: String, nowMilliseconds: Int64) async throws(ItemStoreError) {
        let key = DirectoryKeys.signInThrottle(email)
        let counted = try await self.store.update(
            key,
            ItemUpdate()
                .add("failures", .int(1))
                .set("expiresAt", to: .int(Int(nowMilliseconds / 1000 + Self.memorySeconds)))
        )
        let failures = counted.int("failures") ?? 1
        guard failures >= Self.freeFailures else { return }
        let lockSeconds = min(Int64(1) << min(failures - Self.freeFailures, 20), Self.longestLockSeconds)
        try await self.store.update(
            key, ItemUpdate().set("lockedUntil", to: .int(Int(nowMilliseconds + lockSeconds * 1000)))
        )
    }

    /// Forgets the failures of `email`.
    func clear(_ email: String) async throws(ItemStoreError) {
        try await self.store.delete(DirectoryKeys.signInThrottle(email))
    }
}
