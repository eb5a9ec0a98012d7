import Cloud

/// Slows down guessing: after ``freeFailures`` failed sign-ins in a row for one email, the account is locked for a
/// time that doubles with each further failure (1 s, 2 s, 4 s, … up to 15 minutes), as Cognito does. Failures are
/// counted per email whether or not it has an account, so the lock gives nothing away either. A successful sign-in
/// or a password reset clears the count; a count left alone is forgotten after a day.
///
/// An attempt is reserved before its password is checked, and counts as a failure until ``clear(_:)`` takes it back:
/// the reservation is a conditional write on the count it read, so of many parallel guesses for one email at most
/// ``freeFailures`` reach the password hasher before the lock refuses the rest.
struct SignInThrottle: Sendable {
    static let freeFailures = 5
    static let longestLockSeconds: Int64 = 15 * 60
    static let memorySeconds: Int64 = 24 * 3600
    /// How often a reservation is tried again when other attempts for the email keep winning the race; past it the
    /// attempt is refused for a second, since the email is being guessed right now.
    static let contendedRetries = 16

    let store: any ItemStore

    /// Reserves a sign-in attempt for `email`: `nil` when it may go ahead, or the seconds until it may try again.
    func reserve(_ email: String, nowMilliseconds: Int64) async throws(ItemStoreError) -> Int? {
        let key = DirectoryKeys.signInThrottle(email)
        for _ in 0..<Self.contendedRetries {
            let record = try await self.store.get(key)
            let lockedUntil = record?["lockedUntil"]?.numberValue?.int64Value ?? 0
            guard lockedUntil <= nowMilliseconds else { return Int((lockedUntil - nowMilliseconds + 999) / 1000) }
            let failures = record?.int("failures") ?? 0
            var next = Item(key.attributes)
            next["failures"] = .int(failures + 1)
            next[TableSchema.expiresAt] = .int(Int(nowMilliseconds / 1000 + Self.memorySeconds))
            if failures + 1 >= Self.freeFailures {
                let lockSeconds = min(Int64(1) << min(failures + 1 - Self.freeFailures, 20), Self.longestLockSeconds)
                next["lockedUntil"] = .int(Int(nowMilliseconds + lockSeconds * 1000))
            }
            let unchanged: Condition =
                record == nil
                ? .attributeNotExists(AttributePath(TableSchema.partitionKey))
                : .equal("failures", .int(failures))
            do throws(ItemStoreError) {
                try await self.store.put(next, condition: unchanged)
                return nil
            } catch .conditionalCheckFailed {
                continue
            }
        }
        return 1
    }

    /// Gives back an attempt reserved for `email` whose password was never checked (the hasher was too busy, or the
    /// request was cancelled), so that a user retrying through a flood is not locked out by attempts that never ran.
    func release(_ email: String) async throws(ItemStoreError) {
        do throws(ItemStoreError) {
            try await self.store.update(
                DirectoryKeys.signInThrottle(email), ItemUpdate().add("failures", .int(-1)),
                condition: .compare("failures", .greater, .int(0))
            )
        } catch .conditionalCheckFailed {
            // Cleared or never counted: nothing to give back.
        }
    }

    /// Forgets the failures of `email`.
    func clear(_ email: String) async throws(ItemStoreError) {
        try await self.store.delete(DirectoryKeys.signInThrottle(email))
    }
}
