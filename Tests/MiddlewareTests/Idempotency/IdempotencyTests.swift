import Cloud
import Hashing
import LambdaRuntime
import Middleware
import Testing

struct Receipt: Codable, Sendable, Equatable {
    var orderId: String
    var run: Int
}

@Suite struct IdempotencyTests {
    @Test func theFirstCallRunsAndARepeatGetsItsResultWithoutRunning() async throws {
        let fixture = try IdempotencyFixture()
        let idempotency = fixture.idempotency()
        let payload = Array(#"{"amount":1999}"#.utf8)
        let first = try await idempotency.execute(key: "k1", payload: payload, context: fixture.context()) {
            Receipt(orderId: "o-1", run: fixture.countRun())
        }
        let repeated = try await idempotency.execute(key: "k1", payload: payload, context: fixture.context()) {
            Receipt(orderId: "o-2", run: fixture.countRun())
        }
        #expect(first == Receipt(orderId: "o-1", run: 1))
        #expect(repeated == first)
        #expect(fixture.runCount == 1)
        let record = try #require(
            try await fixture.store.get(
                ItemKey(partition: "IDEMPOTENCY#orders#\(SHA256.hexDigest("k1"))", sort: "RECORD")))
        #expect(record["status"] == "COMPLETED")
        #expect(record.expiresAtSeconds == fixture.now / 1000 + 3600, "records expire after an hour by default")
    }

    @Test func theSameKeyWithAnotherPayloadIsRefused() async throws {
        let fixture = try IdempotencyFixture()
        let idempotency = fixture.idempotency()
        _ = try await idempotency.execute(key: "k1", payload: Array("a".utf8), context: fixture.context()) {
            Receipt(orderId: "o-1", run: fixture.countRun())
        }
        await #expect(throws: IdempotencyError.payloadMismatch) {
            _ = try await idempotency.execute(key: "k1", payload: Array("b".utf8), context: fixture.context()) {
                Receipt(orderId: "o-2", run: fixture.countRun())
            }
        }
        #expect(fixture.runCount == 1)
    }

    @Test func aDuplicateWhileTheFirstRunsIsInProgressAndTheRecordLapsesAtTheFirstDeadline() async throws {
        let fixture = try IdempotencyFixture()
        let idempotency = fixture.idempotency()
        let logs = InMemoryLogSink()
        let result = try await idempotency.execute(
            key: "k1", payload: [1], context: fixture.context(remaining: .seconds(5), logs: logs)
        ) {
            // A duplicate arrives while this attempt is running.
            await #expect(throws: IdempotencyError.alreadyInProgress) {
                _ = try await idempotency.execute(key: "k1", payload: [1], context: fixture.context()) {
                    Receipt(orderId: "duplicate", run: fixture.countRun())
                }
            }
            // This attempt then hangs past its deadline (as a crashed one would); a retry takes the record over.
            fixture.advance(by: .seconds(6))
            let retry = try await idempotency.execute(key: "k1", payload: [1], context: fixture.context()) {
                Receipt(orderId: "retry", run: fixture.countRun())
            }
            #expect(retry.orderId == "retry")
            return Receipt(orderId: "late", run: fixture.countRun())
        }
        #expect(result.orderId == "late", "the late attempt still answers its own caller")
        #expect(logs.lines.contains { $0.contains("Idempotency record not completed") })
        let replay = try await idempotency.execute(key: "k1", payload: [1], context: fixture.context()) {
            Receipt(orderId: "again", run: fixture.countRun())
        }
        #expect(replay.orderId == "retry", "the record keeps the attempt that held it, not the late one")
    }

    @Test func aFailedRunReleasesTheKeySoARetryRuns() async throws {
        struct PaymentDeclined: Error {}
        let fixture = try IdempotencyFixture()
        let idempotency = fixture.idempotency()
        await #expect(throws: PaymentDeclined.self) {
            _ = try await idempotency.execute(key: "k1", payload: [1], context: fixture.context()) { () -> Receipt in
                _ = fixture.countRun()
                throw PaymentDeclined()
            }
        }
        let retry = try await idempotency.execute(key: "k1", payload: [1], context: fixture.context()) {
            Receipt(orderId: "o-1", run: fixture.countRun())
        }
        #expect(retry.run == 2)
    }

    @Test func aResultThatIsNotFinalIsReturnedButNotKept() async throws {
        let fixture = try IdempotencyFixture()
        let idempotency = fixture.idempotency()
        for expectedRun in 1...2 {
            let receipt = try await idempotency.execute(
                key: "k1", payload: [1], context: fixture.context(), isFinal: { $0.orderId != "unavailable" },
                operation: { Receipt(orderId: "unavailable", run: fixture.countRun()) }
            )
            #expect(receipt.run == expectedRun)
        }
    }

    @Test func anExpiredRecordRunsAgainEvenBeforeTTLDeletesIt() async throws {
        let fixture = try IdempotencyFixture()
        let idempotency = fixture.idempotency(IdempotencyConfiguration(expiry: .seconds(60)))
        for _ in 0..<2 {
            _ = try await idempotency.execute(key: "k1", payload: [1], context: fixture.context()) {
                Receipt(orderId: "o", run: fixture.countRun())
            }
        }
        #expect(fixture.runCount == 1)
        fixture.advance(by: .seconds(61))
        _ = try await idempotency.execute(key: "k1", payload: [1], context: fixture.context()) {
            Receipt(orderId: "o", run: fixture.countRun())
        }
        #expect(fixture.runCount == 2)
    }

    @Test func theLocalCacheAnswersRepeatsWithoutTheStore() async throws {
        let fixture = try IdempotencyFixture()
        let cached = fixture.idempotency(IdempotencyConfiguration(localCacheCapacity: 2))
        let uncached = fixture.idempotency()
        for idempotency in [cached, uncached] {
            _ = try await idempotency.execute(key: "k1", payload: [1], context: fixture.context()) {
                Receipt(orderId: "o", run: fixture.countRun())
            }
            // The store loses the record; only a cache can still answer.
            _ = try await fixture.store.delete(
                ItemKey(partition: "IDEMPOTENCY#orders#\(SHA256.hexDigest("k1"))", sort: "RECORD"), condition: nil,
                returning: .none)
            _ = try await idempotency.execute(key: "k1", payload: [1], context: fixture.context()) {
                Receipt(orderId: "o", run: fixture.countRun())
            }
            _ = try await fixture.store.delete(
                ItemKey(partition: "IDEMPOTENCY#orders#\(SHA256.hexDigest("k1"))", sort: "RECORD"), condition: nil,
                returning: .none)
        }
        #expect(fixture.runCount == 3, "cached: 1 run for 2 calls; uncached: 2 runs")
        await #expect(throws: IdempotencyError.payloadMismatch) {
            _ = try await cached.execute(key: "k1", payload: [2], context: fixture.context()) {
                Receipt(orderId: "o", run: fixture.countRun())
            }
        }
    }
}
