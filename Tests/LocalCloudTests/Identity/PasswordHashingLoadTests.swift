import Cloud
import Dispatch
import Foundation
import NIOPosix
import StratusTesting
import Testing

@testable import LocalCloud

/// The sign-in throttle and the password hasher under parallel guesses and floods, counted by the hashes the queue
/// computes.
@Suite struct PasswordHashingLoadTests {
    /// A hasher on a queue of its own, so that the test counts only its own hashes.
    private static func hasher(threads: Int = 2, capacity: Int? = nil, cost: PasswordHasher.Cost = .insecureFast)
        -> (PasswordHasher, HashingQueue)
    {
        let pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        let queue = HashingQueue(pool: pool, capacity: capacity ?? 2 * threads * 8)
        return (PasswordHasher(cost: cost, queue: queue), queue)
    }

    /// The throttle reserves each attempt before the password is checked: of fifty wrong passwords at once for one
    /// email, at most five are hashed and the rest are refused with a time to wait.
    @Test func fiftyParallelWrongSignInsReachTheHasherAtMostFiveTimes() async throws {
        let (hasher, queue) = Self.hasher()
        let fixture = try IdentityFixture(hasher: hasher)
        _ = try await fixture.identity.signUp(email: "ada@example.com", password: "Correct-Horse-7", name: "Ada")
        let hashedAtSignUp = queue.computedCount
        let identity = fixture.identity
        let outcomes = await withTaskGroup(of: IdentityError?.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    do throws(IdentityError) {
                        _ = try await identity.signIn(email: "ada@example.com", password: "Wrong-Horse-7")
                        return nil
                    } catch {
                        return error
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(queue.computedCount - hashedAtSignUp <= SignInThrottle.freeFailures)
        #expect(outcomes.filter { $0 == .notAuthorized }.count <= SignInThrottle.freeFailures)
        let throttled = outcomes.filter {
            if case .tooManyFailedAttempts(let seconds) = $0 { seconds >= 1 } else { false }
        }
        #expect(throttled.count >= 50 - SignInThrottle.freeFailures)
    }

    /// Past its capacity the queue refuses at once (the API answers 503 with `Retry-After`), and a hash whose task is
    /// cancelled while it waits is dropped without being computed.
    @Test func aFullQueueRefusesAtOnceAndACancelledHashIsNeverComputed() async throws {
        let (hasher, queue) = Self.hasher(threads: 1, capacity: 3)
        let gate = DispatchSemaphore(value: 0)
        // One hash-sized job holds the only thread until the test opens the gate.
        async let blocker: Void = queue.run { gate.wait() }
        while queue.computedCount == 0 { await Task.yield() }
        let cancelled = Task { try await hasher.hash("Correct-Horse-7") }
        let waiting = Task { try await hasher.hash("Correct-Horse-7") }
        while queue.admittedCount < 3 { await Task.yield() }

        await #expect(throws: HashingQueue.Overloaded.self, "the queue is full: refused without waiting") {
            try await hasher.hash("Correct-Horse-7")
        }
        cancelled.cancel()
        gate.signal()
        try await blocker
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        _ = try await waiting.value
        #expect(queue.computedCount == 2, "the blocker and the waiting hash; the cancelled one never ran")
    }

    /// A sign-in refused because the hasher is full never had its password checked, so its reserved attempt is given
    /// back: a real user who retries through a flood more often than the throttle's free failures is not locked out.
    @Test func signInsRefusedByAFullQueueDoNotCountAsFailures() async throws {
        let (hasher, queue) = Self.hasher(threads: 1, capacity: 1)
        let fixture = try IdentityFixture(hasher: hasher)
        _ = try await fixture.identity.signUp(email: "ada@example.com", password: "Correct-Horse-7", name: "Ada")
        let gate = DispatchSemaphore(value: 0)
        // One hash-sized job fills the queue until the test opens the gate.
        async let blocker: Void = queue.run { gate.wait() }
        while queue.admittedCount < 1 { await Task.yield() }
        for _ in 0..<(2 * SignInThrottle.freeFailures) {
            await #expect(throws: IdentityError.busy(retryAfterSeconds: 1)) {
                try await fixture.identity.signIn(email: "ada@example.com", password: "Correct-Horse-7")
            }
        }
        gate.signal()
        try await blocker
        _ = try await fixture.identity.signIn(email: "ada@example.com", password: "Correct-Horse-7")
    }

    /// A flood of sign-ins with random emails (each passes its own throttle) fills the hasher's queue, and the rest
    /// are refused at once instead of queueing: a real user's sign-in waits behind at most the queue's capacity of
    /// hashes, or is refused at once with a time to wait and gets in on a retry.
    ///
    /// Counted, not timed: while the user's successful sign-in runs, at most the queue's capacity plus one hash per
    /// thread are computed. Measured on the busy 2-core development machine (debug build, the standard cost, 2
    /// threads, capacity 32) with a flood of 2,000: the user was refused once (503, `Retry-After: 1`), then signed in
    /// behind 27 hashes; the whole flood computed 34 hashes and refused the rest at once. Without the bound every
    /// hash of the flood would be queued ahead of the user's: 2,000 hashes of about 50 ms on 2 threads, some 50 s.
    /// (In-process the flood's tasks share two cooperative threads with the user's, so its store work took about
    /// 13 s; over HTTP the gateway's reserved concurrency keeps 64 sign-ins in flight at most.) The test floods with
    /// 500, so that it does not starve the tests running beside it.
    @Test func aFloodOfSignInsDoesNotQueueARealUserBehindIt() async throws {
        let (hasher, queue) = Self.hasher(cost: .standard)
        let fixture = try IdentityFixture(hasher: hasher)
        _ = try await fixture.identity.signUp(email: "ada@example.com", password: "Correct-Horse-7", name: "Ada")
        let identity = fixture.identity
        let flood = Task {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<500 {
                    group.addTask {
                        _ = try? await identity.signIn(
                            email: "\(UUID().uuidString)@example.com", password: "Wrong-Horse-7")
                    }
                }
            }
        }
        try await eventually(interval: .milliseconds(1)) { queue.admittedCount > 0 }
        while true {
            let before = queue.computedCount
            do throws(IdentityError) {
                _ = try await identity.signIn(email: "ada@example.com", password: "Correct-Horse-7")
                let computed = queue.computedCount - before
                #expect(computed <= queue.capacity + 2)
                break
            } catch .busy(let seconds) {
                #expect(seconds >= 1)
                try await Task.sleep(for: .seconds(seconds))
            }
        }
        await flood.value
    }

    /// A hash made at another cost (an account created under `--insecure-fast-password-hashing`) is replaced by one at
    /// the server's cost on the next successful sign-in.
    @Test func aWeakHashIsReplacedOnTheNextSuccessfulSignIn() async throws {
        let fixture = try IdentityFixture()
        _ = try await fixture.identity.signUp(email: "ada@example.com", password: "Correct-Horse-7", name: "Ada")
        #expect(try fixture.storedText().contains("$scrypt$ln=10,r=8,p=1$"))
        let stronger = fixture.identity(
            hasher: PasswordHasher(cost: .init(logRounds: 11, blockSize: 8, parallelism: 1)))
        await #expect(throws: IdentityError.notAuthorized, "a failed sign-in keeps the hash") {
            try await stronger.signIn(email: "ada@example.com", password: "Wrong-Horse-7")
        }
        #expect(
            try await fixture.store.get(DirectoryKeys.account(try await Self.userID(fixture)))?.string("passwordHash")?
                .hasPrefix("$scrypt$ln=10,") == true)
        _ = try await stronger.signIn(email: "ada@example.com", password: "Correct-Horse-7")
        let rehashed = try #require(
            try await fixture.store.get(DirectoryKeys.account(try await Self.userID(fixture)))?.string("passwordHash"))
        #expect(rehashed.hasPrefix("$scrypt$ln=11,r=8,p=1$"))
        _ = try await stronger.signIn(email: "ada@example.com", password: "Correct-Horse-7")
        _ = try await fixture.identity.signIn(email: "ada@example.com", password: "Correct-Horse-7")
        #expect(
            try await fixture.store.get(DirectoryKeys.account(try await Self.userID(fixture)))?.string("passwordHash")
                == rehashed, "a server with a cheaper cost keeps the stronger hash")
    }

    /// The user id behind `ada@example.com`.
    private static func userID(_ fixture: IdentityFixture) async throws -> String {
        try #require(try await fixture.store.get(DirectoryKeys.email("ada@example.com"))?.string("userId"))
    }
}
