import AWS
import StratusTesting
import Synchronization
import Testing

/// The cache on a ManualClock in front of a source whose fetches the test holds and releases.
@Suite struct CachingCredentialProviderTests {
    /// Numbered credentials valid for an hour; fetches from `heldFrom` on wait for ``release()``, and those in
    /// `failing` throw.
    final class HeldProvider: CredentialProvider {
        let name = "held"
        let clock: ManualClock
        let heldFrom: Int
        let failing: Set<Int>
        let calls = Mutex(0)
        private let gate: AsyncStream<Void>
        private let opener: AsyncStream<Void>.Continuation

        init(clock: ManualClock, heldFrom: Int = .max, failing: Set<Int> = []) {
            self.clock = clock
            self.heldFrom = heldFrom
            self.failing = failing
            (self.gate, self.opener) = AsyncStream.makeStream()
        }

        var callCount: Int { self.calls.withLock { $0 } }

        func release() { self.opener.yield() }

        func credentials() async throws -> AWSCredentials? {
            let call = self.calls.withLock { count in
                count += 1
                return count
            }
            if call >= self.heldFrom {
                for await _ in self.gate { break }
            }
            if self.failing.contains(call) { throw AWSCredentialsError(.sourceFailed, "fetch \(call) failed") }
            return AWSCredentials(
                accessKeyID: "KEY-\(call)", secretAccessKey: "secret",
                expirationMilliseconds: self.clock.nowMilliseconds + 3_600_000)
        }
    }

    /// A cache that has fetched `KEY-1` from a source held or failing as asked, on a clock then moved on by `elapsed`.
    static func primedCache(heldFrom: Int = .max, failing: Set<Int> = [], elapsed: Duration) async throws -> (
        clock: ManualClock, source: HeldProvider, cache: CachingCredentialProvider
    ) {
        let clock = ManualClock()
        let source = HeldProvider(clock: clock, heldFrom: heldFrom, failing: failing)
        let cache = CachingCredentialProvider(source, clock: clock)
        #expect(try await cache.credentials()?.accessKeyID == "KEY-1")
        clock.advance(by: elapsed)
        return (clock, source, cache)
    }

    @Test func credentialsAreKeptUntilTheRefreshWindow() async throws {
        let clock = ManualClock()
        let source = HeldProvider(clock: clock)
        let cache = CachingCredentialProvider(source, clock: clock)
        #expect(try await cache.credentials()?.accessKeyID == "KEY-1")
        clock.advance(by: .seconds(3_600 - 301))
        #expect(try await cache.credentials()?.accessKeyID == "KEY-1")
        #expect(source.callCount == 1)
        clock.advance(by: .seconds(2))
        #expect(try await cache.credentials()?.accessKeyID == "KEY-2")
        #expect(source.callCount == 2)
    }

    @Test func oneCallerRefreshesWhileTheOthersUseTheOldCredentials() async throws {
        let (_, source, cache) = try await Self.primedCache(heldFrom: 2, elapsed: .seconds(3_600 - 60))
        try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask { try await cache.credentials()?.accessKeyID }
            try await eventually { source.callCount == 2 }
            for _ in 0..<3 {
                #expect(try await cache.credentials()?.accessKeyID == "KEY-1")
            }
            #expect(source.callCount == 2)
            source.release()
            #expect(try await group.next() == "KEY-2")
        }
        #expect(try await cache.credentials()?.accessKeyID == "KEY-2")
        #expect(source.callCount == 2)
    }

    @Test func expiredCredentialsAreFetchedOnceForEveryWaitingCaller() async throws {
        let (_, source, cache) = try await Self.primedCache(heldFrom: 2, elapsed: .seconds(3_601))
        let keys = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<4 { group.addTask { try await cache.credentials()?.accessKeyID } }
            try await eventually { source.callCount == 2 }
            source.release()
            return try await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(keys == Array(repeating: "KEY-2", count: 4))
        #expect(source.callCount == 2)
    }

    @Test func aFailedRefreshKeepsTheOldCredentialsWhileTheyLast() async throws {
        let (clock, _, cache) = try await Self.primedCache(failing: [2, 3], elapsed: .seconds(3_600 - 60))
        #expect(try await cache.credentials()?.accessKeyID == "KEY-1")
        clock.advance(by: .seconds(61))
        let error = await #expect(throws: AWSCredentialsError.self) { try await cache.credentials() }
        #expect(error?.code == .sourceFailed)
        #expect(try await cache.credentials()?.accessKeyID == "KEY-4")
    }

    @Test func afterAFailedRefreshTheSourceRestsWhileTheOldCredentialsLast() async throws {
        let (clock, source, cache) = try await Self.primedCache(failing: [2], elapsed: .seconds(3_600 - 240))
        #expect(try await cache.credentials()?.accessKeyID == "KEY-1")
        #expect(source.callCount == 2)
        clock.advance(by: .seconds(30))
        #expect(try await cache.credentials()?.accessKeyID == "KEY-1")
        #expect(source.callCount == 2, "no new attempt within a minute of the failure")
        clock.advance(by: .seconds(31))
        #expect(try await cache.credentials()?.accessKeyID == "KEY-3")
    }
}
