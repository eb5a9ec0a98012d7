import Cloud

/// The event counts over the store: each event is counted once, by the transaction that also writes its marker, and
/// the counts are read a day partition at a time.
struct AnalyticsRepository: Sendable {
    let store: any ItemStore

    /// Adds one to the count of `event`'s type on `day`, unless the event was counted before. The marker and the
    /// count are written in one transaction, which fails as a whole when the marker exists.
    ///
    /// - Returns: `false` when the event had been counted already.
    func count(eventID: String, detailType: String, day: AnalyticsDay, nowSeconds: Int64) async throws(ItemStoreError)
        -> Bool
    {
        var marker = Item(AnalyticsKeys.marker(eventID: eventID).attributes)
        marker["detailType"] = .string(detailType)
        marker["date"] = .string(day.description)
        marker[TableSchema.expiresAt] = .int(Int(nowSeconds + AnalyticsKeys.markerRetentionSeconds))
        do {
            try await self.store.transactWrite([
                .put(marker, condition: .attributeNotExists(AttributePath(TableSchema.partitionKey))),
                .update(
                    AnalyticsKeys.counter(day: day, detailType: detailType),
                    ItemUpdate().add(AttributePath(AnalyticsKeys.count), .int(1))),
            ])
            return true
        } catch {
            guard case .transactionCanceled(let reasons) = error, case .conditionalCheckFailed = reasons.first else {
                throw error
            }
            return false
        }
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
