import Cloud
import Synchronization
import Testing

/// Secrets read through the cache: kept for their maximum age, fetched again on demand, fetched once for many
/// callers, failures not kept, JSON decoded without showing the value on failure.
@Suite("Secret cache")
struct SecretCacheTests {
    /// A clock the test moves by hand.
    final class HandClock: Clock {
        private let milliseconds = Mutex<Int64>(1_800_000_000_000)
        var nowMilliseconds: Int64 { self.milliseconds.withLock { $0 } }
        func advance(by duration: Duration) {
            self.milliseconds.withLock { $0 += duration.components.seconds * 1000 }
        }
    }

    /// A store that counts its reads and answers from a dictionary, optionally after a pause.
    final class CountingStore: SecretStore {
        let reads = Mutex(0)
        let values: Mutex<[String: SecretPayload]>
        let pause: Duration

        init(_ values: [String: SecretPayload], pause: Duration = .zero) {
            self.values = Mutex(values)
            self.pause = pause
        }

        func secretValue(_ name: String) async throws(SecretStoreError) -> SecretValue {
            self.reads.withLock { $0 += 1 }
            if self.pause > .zero { try? await Task.sleep(for: self.pause) }
            guard let payload = self.values.withLock({ $0[name] }) else { throw .notFound(name) }
            return SecretValue(name: name, versionID: "v", payload: payload, createdMilliseconds: 0)
        }

        func putSecretValue(_ name: String, _ value: SecretPayload) async throws(SecretStoreError) -> String {
            self.values.withLock { $0[name] = value }
            return "v"
        }

        func deleteSecret(_ name: String) async throws(SecretStoreError) {
            self.values.withLock { $0[name] = nil }
        }
    }

    @Test func aValueIsKeptForItsMaximumAgeThenFetchedAgain() async throws {
        let store = CountingStore(["key": .string("one")])
        let clock = HandClock()
        let cache = SecretCache(store: store, clock: clock)
        #expect(try await cache.value("key").string == "one")
        try await store.putSecretValue("key", .string("two"))
        clock.advance(by: .seconds(299))
        #expect(try await cache.value("key").string == "one", "five minutes by default")
        #expect(store.reads.withLock { $0 } == 1)
        clock.advance(by: .seconds(1))
        #expect(try await cache.value("key").string == "two")
        #expect(try await cache.value("key", maximumAge: .seconds(10)).string == "two")
        #expect(store.reads.withLock { $0 } == 2)
    }

    @Test func aForcedFetchReadsTheStoreAtOnce() async throws {
        let store = CountingStore(["key": .string("one")])
        let cache = SecretCache(store: store, clock: HandClock())
        _ = try await cache.value("key")
        try await store.putSecretValue("key", .string("rotated"))
        #expect(try await cache.value("key", forceFetch: true).string == "rotated")
        #expect(try await cache.value("key").string == "rotated", "the forced value is kept")
        #expect(store.reads.withLock { $0 } == 2)
    }

    @Test func manyCallersShareOneFetch() async throws {
        let store = CountingStore(["key": .string("one")], pause: .milliseconds(50))
        let cache = SecretCache(store: store, clock: HandClock())
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { try await cache.value("key").string } }
            for try await value in group { #expect(value == "one") }
        }
        #expect(store.reads.withLock { $0 } == 1)
    }

    @Test func aFailedFetchIsNotKept() async throws {
        let store = CountingStore([:])
        let cache = SecretCache(store: store, clock: HandClock())
        await #expect(throws: SecretStoreError.notFound("late")) { _ = try await cache.value("late") }
        try await store.putSecretValue("late", .string("here now"))
        #expect(try await cache.value("late").string == "here now")
    }

    struct Credentials: Decodable, Equatable {
        let user: String
        let password: String
    }

    @Test func jsonSecretsDecodeToATypeAndAFailureNeverShowsTheValue() async throws {
        let store = CountingStore([
            "db": .string(#"{"user":"app","password":"pw"}"#), "broken": .string(#"{"user":"app","pass":"hunter2"}"#),
        ])
        let cache = SecretCache(store: store, clock: HandClock())
        #expect(try await cache.decoded(Credentials.self, from: "db") == Credentials(user: "app", password: "pw"))
        let error = await #expect(throws: SecretStoreError.self) {
            _ = try await cache.decoded(Credentials.self, from: "broken")
        }
        #expect(error?.code == .undecodable)
        #expect(error?.message.contains("hunter2") == false)
        #expect(error?.message.contains("broken") == true)
    }

    @Test func aPrintedValueShowsItsNameButNotItsContents() {
        let value = SecretValue(name: "api-key", versionID: "v1", payload: .string("s3cr3t"), createdMilliseconds: 0)
        #expect("\(value)".contains("api-key"))
        #expect(!"\(value)".contains("s3cr3t"))
        #expect(!String(reflecting: value).contains("s3cr3t"))
    }
}
