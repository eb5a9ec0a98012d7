import Cloud
import Middleware

/// Notifications over the store: written once per event together with the event's marker, listed newest first by
/// their owner, and marked read by their owner only.
struct NotificationRepository: Sendable {
    let store: any ItemStore
    /// The time notifications are written and read at.
    let clock: any Clock

    /// Writes `notification` for `userID` with its event's marker, in one transaction, unless the marker is there
    /// already. `true` while its messages still have to go out: the first time, and again when a delivery wrote the
    /// items but did not get as far as ``markSent(eventID:)``.
    func record(_ notification: UserNotification, for userID: String) async throws(ItemStoreError) -> Bool {
        let notificationKey = UserNotification.key(
            userID: userID, createdAt: notification.createdAt, notificationID: notification.notificationId)
        let marker = NotificationMarker(
            eventID: notification.notificationId, userID: userID, notificationKey: notificationKey)
        let isNew = Condition.attributeNotExists(AttributePath(TableSchema.partitionKey))
        do {
            try await self.store.transactWrite([
                .put(marker.item, condition: isNew), .put(notification.item(userID: userID), condition: isNew),
            ])
            return true
        } catch {
            guard case .transactionCanceled(let reasons) = error, case .conditionalCheckFailed = reasons.first,
                let existing = try await self.store.get(marker.key).flatMap(NotificationMarker.init(item:))
            else { throw error }
            return existing.sentAt == nil
        }
    }

    /// Notes on the event's marker that its messages went out.
    func markSent(eventID: String) async throws(ItemStoreError) {
        try await self.store.update(
            NotificationMarker.key(eventID: eventID), ItemUpdate().set("sentAt", to: .string(self.clock.nowISO8601)),
            condition: .attributeExists(AttributePath(TableSchema.partitionKey)))
    }

    /// The caller's notifications, newest first.
    func list(for caller: Caller, query: NotificationListQuery) async throws -> NotificationPage {
        let page: QueryPage
        do {
            page = try await self.store.query(
                ItemQuery(
                    partition: UserNotification.partition(userID: caller.userID),
                    sortKey: .beginsWith(UserNotification.sortKeyPrefix),
                    order: .descending,
                    limit: query.page.limit,
                    cursor: query.page.cursor,
                    filter: query.unreadOnly ? .attributeNotExists("readAt") : nil
                ))
        } catch {
            guard error == .invalidCursor else { throw error }
            throw HTTPError.badRequest("The cursor is not one this listing gave out")
        }
        return NotificationPage(
            notifications: page.items.compactMap(UserNotification.init(item:)), nextCursor: page.nextCursor?.token)
    }

    /// Marks the caller's notification read (keeping the first time it was read) and returns it; 404 when there is
    /// no such notification or it is someone else's, so others' IDs give nothing away.
    func markRead(_ notificationID: String, by caller: Caller) async throws -> UserNotification {
        let notFound = HTTPError.notFound("No notification \(notificationID)")
        guard UserNotification.isWellFormedID(notificationID),
            let marker = try await self.store.get(NotificationMarker.key(eventID: notificationID))
                .flatMap(NotificationMarker.init(item:)),
            marker.userID == caller.userID
        else { throw notFound }
        let item: Item
        do {
            item = try await self.store.update(
                marker.notificationKey,
                ItemUpdate().set("readAt", .ifNotExists("readAt", .string(self.clock.nowISO8601))),
                condition: .attributeExists(AttributePath(TableSchema.partitionKey)))
        } catch {
            guard case .conditionalCheckFailed = error else { throw error }
            throw notFound
        }
        guard let notification = UserNotification(item: item) else { throw notFound }
        return notification
    }
}
