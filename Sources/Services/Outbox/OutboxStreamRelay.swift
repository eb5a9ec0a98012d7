package import Cloud
package import Middleware

/// The outbox relay on AWS (ARCHITECTURE §4): the consumer of the table's DynamoDB stream. Each new outbox item of a
/// batch is put on the app's bus with its envelope's source, `detail-type`, detail (which carries the event's ID,
/// ``OutboxEvent/detailEventIDField``), time and resources, and the trace header of the change that raised it, then
/// deleted; other changes of the table are skipped. The local cloud has its own relay and never runs this one.
///
/// Events go out in stream order, at most ``EventBusLimits/entriesPerRequest`` a `PutEvents`, and an item is deleted
/// only after the bus accepted its event. At the first event the bus does not accept (or whose item cannot be
/// deleted) the relay stops and reports that record as the batch's failure, so Lambda retries from it and not from
/// the records before it. Delivery is at least once: an event may go out again, under a new EventBridge `id` but with
/// the same event ID in its detail, which consumers deduplicate by (``EventBridgeEvent/eventID``).
package struct OutboxStreamRelay: LambdaHandler {
    /// The stream records the relay works on, as an event source mapping's filter: new items of an outbox partition.
    /// The relay checks the same itself, so an unfiltered stream works as well.
    package static let recordFilter =
        #"{"eventName": ["INSERT"], "dynamodb": {"Keys": {"PK": {"S": [{"prefix": "OUTBOX#"}]}}}}"#

    private let store: any ItemStore
    private let bus: any EventBus
    private let busName: String

    /// A relay putting events on the bus `busName` of `bus` and deleting their items from `store`.
    package init(store: any ItemStore, bus: any EventBus, busName: String) {
        self.store = store
        self.bus = bus
        self.busName = busName
    }

    /// Publishes and deletes the batch's new outbox items; names the first record that failed, if one did.
    package func handle(_ event: DynamoDBStreamEvent, context: LambdaContext) async throws -> SQSBatchResponse {
        let pending = event.records.compactMap { self.pendingEvent(of: $0, context: context) }
        for batch in Self.requests(pending) {
            let accepted = await self.publish(batch, context: context)
            if accepted > 0 {
                do {
                    try await self.store.transactWrite(batch.prefix(accepted).map { .delete($0.key) })
                } catch {
                    context.logger.warning("The published outbox items could not be deleted: \(error)")
                    return Self.failure(at: batch[0])
                }
            }
            if accepted < batch.count { return Self.failure(at: batch[accepted]) }
        }
        return SQSBatchResponse()
    }

    /// The event `record` adds to the outbox, `nil` for any other change; an outbox item the relay cannot read is
    /// logged and skipped, since no retry could publish it.
    private func pendingEvent(of record: DynamoDBStreamEvent.Record, context: LambdaContext) -> PendingEvent? {
        guard record.eventName == .insert, let item = record.dynamodb.newItem, let key = item.key,
            OutboxPartitions.contains(key.partition)
        else { return nil }
        guard let outbox = OutboxRecord(item: item), let entry = Self.entry(of: outbox, bus: self.busName) else {
            context.logger.error("Skipping the outbox item \(key), which is not an event")
            return nil
        }
        return PendingEvent(sequenceNumber: record.dynamodb.sequenceNumber, key: key, entry: entry)
    }

    /// The `PutEvents` entry of the outbox event: its envelope's fields, on the bus `bus`, with its trace header;
    /// `nil` when the envelope is not an event.
    static func entry(of record: OutboxRecord, bus: String) -> PutEventsEntry? {
        guard let envelope = JSONValue(parsing: Array(record.envelope.utf8)),
            let source = envelope["source"]?.stringValue, let detail = envelope["detail"], detail.objectValue != nil,
            let detailText = try? StreamingJSONEncoder().encode(detail)
        else { return nil }
        return PutEventsEntry(
            source: source, detailType: record.detailType, detail: String(decoding: detailText, as: UTF8.self),
            resources: (envelope["resources"]?.arrayValue ?? []).compactMap(\.stringValue),
            timeMilliseconds: envelope["time"]?.stringValue.flatMap(EventTime.secondsSinceEpoch).map { $0 * 1000 },
            eventBusName: bus, traceHeader: record.traceHeader)
    }

    /// `events` cut, in order, into `PutEvents` requests within EventBridge's count and size limits.
    static func requests(_ events: [PendingEvent]) -> [[PendingEvent]] {
        var requests: [[PendingEvent]] = []
        var current: [PendingEvent] = []
        var size = 0
        for event in events {
            if !current.isEmpty,
                current.count == EventBusLimits.entriesPerRequest
                    || size + event.entry.size > EventBusLimits.requestSize
            {
                requests.append(current)
                current = []
                size = 0
            }
            current.append(event)
            size += event.entry.size
        }
        if !current.isEmpty { requests.append(current) }
        return requests
    }

    /// Puts `batch` on the bus; how many of its events, from the first, the bus accepted.
    private func publish(_ batch: [PendingEvent], context: LambdaContext) async -> Int {
        let result: PutEventsResult
        do {
            result = try await self.bus.putEvents(batch.map(\.entry))
        } catch {
            context.logger.warning("Publishing \(batch.count) outbox events failed: \(error)")
            return 0
        }
        let accepted = min(batch.count, result.entries.prefix { $0.eventID != nil }.count)
        if accepted < batch.count {
            let reason =
                if accepted < result.entries.count, case .failed(let code, let message) = result.entries[accepted] {
                    "\(code): \(message)"
                } else {
                    "the bus answered \(result.entries.count) outcomes for \(batch.count) events"
                }
            context.logger.warning("The bus did not accept the outbox event \(batch[accepted].key): \(reason)")
        }
        return accepted
    }

    /// The answer that makes Lambda retry the batch from `event`'s record.
    private static func failure(at event: PendingEvent) -> SQSBatchResponse {
        SQSBatchResponse(batchItemFailures: [.init(itemIdentifier: event.sequenceNumber)])
    }

    /// A new outbox item of the batch: its stream record, its key and its event.
    struct PendingEvent: Sendable {
        /// The stream record's `SequenceNumber`, which names it in a partial batch failure.
        let sequenceNumber: String
        /// The outbox item's key.
        let key: ItemKey
        /// The event as the bus takes it.
        let entry: PutEventsEntry
    }
}
