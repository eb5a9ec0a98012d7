import Cloud

/// The event counts over the store: each event is counted once, by the transaction that also writes its marker, and
/// the counts are read a day partition at a time.
struct AnalyticsRepository: Sendable {
    let store: any ItemStore

    /// Adds one to the count of `event`'s type on its day, unless the event was counted before. The marker and the
    /// count are written in one transaction, which fails as a whole when the marker exists.
    ///
    /// - Returns: `false` when the event had been counted already.
    func count(_ event: CountedEvent, nowSeconds: Int64) async throws(ItemStoreError) -> Bool {
        do {
            try await self.countAll([event], nowSeconds: nowSeconds)
            return true
        } catch {
            guard case .transactionCanceled(let reasons) = error, case .conditionalCheckFailed = reasons.first else {
                throw error
            }
            return false
        }
    }

    /// Counts every one of `events`, none of them counted before, in one transaction: their markers, and one addition
    /// per counter they add to. At most ``largestBatch`` events, each once.
    ///
    /// - Throws: What the store throws; when an event had been counted before, the transaction is cancelled and
    ///   nothing of it is written.
    func countAll(_ events: [CountedEvent], nowSeconds: Int64) async throws(ItemStoreError) {
        var additions: [ItemKey: Int] = [:]
        for event in events {
            additions[AnalyticsKeys.counter(day: event.day, detailType: event.detailType), default: 0] += 1
        }
        try await self.store.transactWrite(
            events.map { Self.markerPut(of: $0, nowSeconds: nowSeconds) }
                + additions.sorted { ($0.key.partition, $0.key.sort) < ($1.key.partition, $1.key.sort) }
                .map { Self.addition(of: $0.value, to: $0.key) })
    }

    /// The most events ``countAll(_:nowSeconds:)`` takes: with a counter each, twice that many actions, within
    /// DynamoDB's 100 actions a transaction.
    static let largestBatch = 25

    /// The put of `event`'s marker, on condition that it is not there yet.
    private static func markerPut(of event: CountedEvent, nowSeconds: Int64) -> TransactionAction {
        var marker = Item(AnalyticsKeys.marker(eventID: event.eventID).attributes)
        marker["detailType"] = .string(event.detailType)
        marker["date"] = .string(event.day.description)
        marker[TableSchema.expiresAt] = .int(Int(nowSeconds + AnalyticsKeys.markerRetentionSeconds))
        return .put(marker, condition: .attributeNotExists(AttributePath(TableSchema.partitionKey)))
    }

    /// Adds `amount` to the count of the counter at `key`.
    private static func addition(of amount: Int, to key: ItemKey) -> TransactionAction {
        .update(key, ItemUpdate().add(AttributePath(AnalyticsKeys.count), .int(amount)))
    }

    /// The counts by event type of every day of `range`, in order; a day without events has no counts.
    func counts(in range: AnalyticsRange) async throws(ItemStoreError) -> [AnalyticsDayCounts] {
        var days: [AnalyticsDayCounts] = []
        for day in range.days {
            var counts: [String: Int] = [:]
            var cursor: QueryCursor?
            repeat {
                let page = try await self.store.query(
                    ItemQuery(
                        partition: AnalyticsKeys.partition(day: day), sortKey: .beginsWith(AnalyticsKeys.typePrefix),
                        cursor: cursor))
                for item in page.items {
                    guard let sortKey = item.string(TableSchema.sortKey), let count = item.int(AnalyticsKeys.count)
                    else { continue }
                    counts[String(sortKey.dropFirst(AnalyticsKeys.typePrefix.count))] = count
                }
                cursor = page.nextCursor
            } while cursor != nil
            days.append(AnalyticsDayCounts(date: day.description, counts: counts))
        }
        return days
    }
}
