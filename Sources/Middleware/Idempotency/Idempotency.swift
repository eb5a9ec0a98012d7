import Caching
public import Cloud
import Hashing
import JSONCoding
public import LambdaRuntime
import Logging

/// Makes an operation idempotent with Powertools' semantics, its records kept in an ``ItemStore``.
///
/// The first call with a key records it as in progress, runs the operation, and stores its result as completed;
/// a repeat within the expiry gets that result again without running anything. A repeat while the first is still
/// running fails with ``IdempotencyError/alreadyInProgress``, and one with a different payload with
/// ``IdempotencyError/payloadMismatch``. When the operation throws, the record is released so a retry runs again;
/// when its invocation dies instead, the record lapses at that invocation's deadline.
///
/// ```swift
/// let idempotency = Idempotency(store: store, scope: "payments")
/// for message in event.records {
///     try await idempotency.execute(key: message.messageId, payload: Array(message.body.utf8), context: context) {
///         try await charge(message)
///     }
/// }
/// ```
public struct Idempotency: Sendable {
    /// Where the idempotency records are kept, one item per key.
    public let store: any ItemStore
    /// What the keys belong to, usually the function's name; part of every record's partition key.
    public let scope: String
    /// Record lifetime and local caching.
    public let configuration: IdempotencyConfiguration
    private let cache: LRUCache<String, CompletedRecord>?
    private let clock: any Clock

    /// - Parameter clock: The time of records' expiry and of in-progress records' lapse; the system clock by default.
    public init(
        store: any ItemStore,
        scope: String,
        configuration: IdempotencyConfiguration = IdempotencyConfiguration(),
        clock: any Clock = SystemClock()
    ) {
        self.store = store
        self.scope = scope
        self.configuration = configuration
        self.cache = configuration.localCacheCapacity.map { LRUCache(capacity: $0) }
        self.clock = clock
    }

    /// Runs `operation` once for `key`, or returns the result of the run that already completed for it.
    ///
    /// - Parameters:
    ///   - payload: The request's bytes; a repeat of the key must carry the same ones.
    ///   - isFinal: Whether a result may be replayed; a result that is not (an HTTP 5xx, say) is returned but not
    ///     kept, so a retry runs the operation again.
    public func execute<Output: Codable & Sendable>(
        key: String,
        payload: some Sequence<UInt8>,
        context: LambdaContext,
        isFinal: (Output) -> Bool = { _ in true },
        operation: () async throws -> Output
    ) async throws -> Output {
        let recordKey = ItemKey(partition: "IDEMPOTENCY#\(self.scope)#\(SHA256.hexDigest(key))", sort: "RECORD")
        let payloadHash = SHA256.hex(SHA256.hash(payload))
        let now = self.clock.nowMilliseconds
        if let cached = self.cache?.value(for: recordKey.partition, isValid: { $0.expiresAtMilliseconds > now }) {
            guard cached.payloadHash == payloadHash else { throw IdempotencyError.payloadMismatch }
            return try Self.decode(cached.response)
        }

        let attempt = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        var record = IdempotencyRecord(
            status: .inProgress,
            payloadHash: payloadHash,
            expiresAtSeconds: (now + self.configuration.expiry.wholeMilliseconds) / 1000,
            inProgressExpiresAtMilliseconds: context.deadline.millisecondsSinceEpoch,
            attempt: attempt
        )
        do throws(ItemStoreError) {
            try await self.store.put(
                record.item(key: recordKey), condition: IdempotencyRecord.takeoverCondition(nowMilliseconds: now))
        } catch .conditionalCheckFailed(let existing) {
            return try self.answerFromExistingRecord(existing, payloadHash: payloadHash)
        } catch {
            throw IdempotencyError.persistence(error)
        }

        let output: Output
        do {
            output = try await operation()
        } catch {
            await self.release(recordKey, attempt: attempt, logger: context.logger)
            throw error
        }
        guard isFinal(output), let response = try? Self.encode(output) else {
            await self.release(recordKey, attempt: attempt, logger: context.logger)
            return output
        }
        record.status = .completed
        record.response = response
        do throws(ItemStoreError) {
            try await self.store.put(record.item(key: recordKey), condition: IdempotencyRecord.heldBy(attempt))
            self.cache?.store(
                CompletedRecord(
                    payloadHash: payloadHash, expiresAtMilliseconds: record.expiresAtSeconds * 1000, response: response),
                for: recordKey.partition
            )
        } catch {
            // The result stands; only its replay is lost (too large to keep, or the record was taken over).
            context.logger.warning(
                "Idempotency record not completed; a repeat will run the operation again",
                metadata: ["idempotency.record": "\(recordKey.partition)", "error": "\(error)"]
            )
            await self.release(recordKey, attempt: attempt, logger: context.logger)
        }
        return output
    }

    private func answerFromExistingRecord<Output: Decodable>(_ item: Item?, payloadHash: String) throws -> Output {
        // The record vanished between the write and its check: it expired or its attempt was released.
        guard let item, let existing = IdempotencyRecord(item) else { throw IdempotencyError.alreadyInProgress }
        guard existing.payloadHash == payloadHash else { throw IdempotencyError.payloadMismatch }
        guard existing.status == .completed, let response = existing.response else {
            throw IdempotencyError.alreadyInProgress
        }
        return try Self.decode(response)
    }

    /// Deletes the record if this attempt still holds it, so a retry can run.
    private func release(_ key: ItemKey, attempt: String, logger: Logger) async {
        do throws(ItemStoreError) {
            try await self.store.delete(key, condition: IdempotencyRecord.heldBy(attempt))
        } catch .conditionalCheckFailed {
            return
        } catch {
            logger.warning(
                "Idempotency record not released; it lapses at the invocation's deadline",
                metadata: ["idempotency.record": "\(key.partition)", "error": "\(error)"]
            )
        }
    }

    private static func encode(_ output: some Encodable) throws -> String {
        String(decoding: try StreamingJSONEncoder().encode(output), as: UTF8.self)
    }

    private static func decode<Output: Decodable>(_ response: String) throws -> Output {
        do {
            return try JSONValueDecoder().decode(Output.self, from: response.utf8)
        } catch {
            throw IdempotencyError.corruptRecord
        }
    }
}
