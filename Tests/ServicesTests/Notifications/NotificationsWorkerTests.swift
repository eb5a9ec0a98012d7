import Cloud
import Foundation
import LocalCloud
import Middleware
import Services
import StratusTesting
import Synchronization
import Testing

@Suite("Notifications worker")
struct NotificationsWorkerTests {
    static let eventID = "3f1c2a9e-7b4d-4e21-9c55-0a1b2c3d4e5f"

    @Test func anEventWritesTheUsersNotificationAndEmailsThem() async throws {
        let fixture = try NotificationsFixture()
        try await fixture.addProfile("alice", email: "alice@example.com")
        let response = try await fixture.deliver([NotificationsFixture.statusChanged(id: Self.eventID)])
        #expect(response.batchItemFailures.isEmpty)

        let notification = try #require(
            try await fixture.store.query(ItemQuery(partition: "USER#alice", sortKey: .beginsWith("NOTIF#"))).items
                .first)
        #expect(notification.string("SK") == "NOTIF#2026-11-23T21:36:49.007Z#\(Self.eventID)")
        #expect(notification.string("type") == "OrderStatusChanged")

        let entries = try fixture.log.entries()
        #expect(entries.count == 1)
        let email = try #require(entries.first)
        #expect(email.channel == "email" && email.to == "alice@example.com")
        #expect(email.subject == "Your order is shipped")
        #expect(email.message.contains("o-1") && email.message.contains("confirmed to shipped"))
        #expect(email.key == "\(Self.eventID)#email")
    }

    /// The same event twice (a redelivery, or a replay from the archive) gives one item and one line in the log.
    @Test func aRedeliveredOrReplayedEventNeitherWritesNorSendsAgain() async throws {
        let fixture = try NotificationsFixture()
        try await fixture.addProfile("alice", email: "alice@example.com")
        let event = NotificationsFixture.statusChanged(id: Self.eventID)
        _ = try await fixture.deliver([event])
        fixture.clock.advance(by: .seconds(30))
        let again = try await fixture.deliver([event, event])
        #expect(again.batchItemFailures.isEmpty)
        #expect(try await fixture.list().notifications.count == 1)
        #expect(try fixture.log.entries().count == 1)
    }

    /// On AWS, EventBridge gives an event a relay published again a new `id`: the outbox event's ID in its detail
    /// still names it, so the copy neither writes nor sends again.
    @Test func aRepublishedEventUnderANewEnvelopeIDNeitherWritesNorSendsAgain() async throws {
        let fixture = try NotificationsFixture()
        try await fixture.addProfile("alice", email: "alice@example.com")
        func published(as envelopeID: String) -> String {
            NotificationsFixture.envelope(
                id: envelopeID, type: "OrderStatusChanged",
                detail: #"{"orderId":"o-1","customerId":"alice","to":"SHIPPED","eventId":"\#(Self.eventID)"}"#)
        }
        #expect(try await fixture.deliver([published(as: "eb-1")]).batchItemFailures.isEmpty)
        fixture.clock.advance(by: .seconds(30))
        #expect(try await fixture.deliver([published(as: "eb-2")]).batchItemFailures.isEmpty)
        #expect(try await fixture.list().notifications.map(\.notificationId) == [Self.eventID])
        #expect(try fixture.log.entries().map(\.key) == ["\(Self.eventID)#email"])
    }

    /// A delivery that wrote the notification but failed to send is retried; the retry sends (once) and writes
    /// nothing new.
    @Test func aSendThatFailedAfterTheWriteIsSentOnRedelivery() async throws {
        var made: FlakyNotifier?
        let fixture = try NotificationsFixture { log in
            let notifier = FlakyNotifier(next: log)
            made = notifier
            return notifier
        }
        let flaky = try #require(made)
        try await fixture.addProfile("alice", email: "alice@example.com")
        let event = NotificationsFixture.statusChanged(id: Self.eventID)
        await #expect(throws: BatchProcessingError.self) { try await fixture.deliver([event]) }
        #expect(try fixture.log.entries().isEmpty)

        flaky.failing.withLock { $0 = false }
        let retry = try await fixture.deliver([event])
        #expect(retry.batchItemFailures.isEmpty)
        #expect(try fixture.log.entries().count == 1)
        #expect(try await fixture.list().notifications.count == 1)
        _ = try await fixture.deliver([event])
        #expect(try fixture.log.entries().count == 1)
    }

    /// The records of a batch are notified at once, not one after another: a send that is slow to answer (here the
    /// first, held until another is sent beside it) does not hold up the rest of the batch, and their store writes
    /// meet, which the store can commit together.
    @Test func theRecordsOfABatchAreNotifiedConcurrently() async throws {
        let notifier = OverlapNotifier()
        let fixture = try NotificationsFixture { _ in notifier }
        try await fixture.addProfile("alice", email: "alice@example.com")
        try await fixture.addProfile("bob", email: "bob@example.com")

        let response = try await fixture.deliver([
            NotificationsFixture.statusChanged(id: "event-1", customer: "alice"),
            NotificationsFixture.statusChanged(id: "event-2", customer: "bob"),
        ])

        #expect(response.batchItemFailures.isEmpty)
        #expect(notifier.wasOverlapped, "bob's email was sent while alice's was on its way")
        #expect(try await fixture.list(as: "alice").notifications.map(\.notificationId) == ["event-1"])
        #expect(try await fixture.list(as: "bob").notifications.map(\.notificationId) == ["event-2"])
    }

    /// The same event three times in one batch, its records handled at once: one notification is written and one
    /// email goes out for it, and no record fails (twenty events, each a batch of its three copies).
    @Test func anEventRepeatedInOneBatchNotifiesOnceThoughItsRecordsRunAtOnce() async throws {
        let fixture = try NotificationsFixture()
        try await fixture.addProfile("alice", email: "alice@example.com")
        let ids = (0..<20).map { "event-\($0)" }
        for id in ids {
            let event = NotificationsFixture.statusChanged(id: id)
            let response = try await fixture.deliver([event, event, event])
            #expect(response.batchItemFailures.isEmpty)
        }
        let page = try await fixture.list(query: ["limit": "50"])
        #expect(Set(page.notifications.map(\.notificationId)) == Set(ids))
        #expect(page.notifications.count == ids.count)
        #expect(try fixture.log.entries().compactMap(\.key).sorted() == ids.map { "\($0)#email" }.sorted())
    }

    @Test func orderProgressIsTextedToAPhoneOnTheProfileAsWell() async throws {
        let fixture = try NotificationsFixture()
        try await fixture.addProfile("alice", email: "alice@example.com", phone: "+14155550123")
        _ = try await fixture.deliver([NotificationsFixture.statusChanged(id: Self.eventID)])
        let entries = try fixture.log.entries()
        #expect(entries.map(\.channel) == ["email", "sms"])
        #expect(entries.last?.to == "+14155550123")
    }

    @Test func aNewAccountIsWelcomedAtTheEmailItsEventCarries() async throws {
        let fixture = try NotificationsFixture()
        let event = NotificationsFixture.envelope(
            id: Self.eventID, type: "UserRegistered", detail: #"{"userId":"bob","email":"bob@example.com"}"#)
        _ = try await fixture.deliver([event])
        let entry = try #require(try fixture.log.entries().first)
        #expect(entry.to == "bob@example.com" && entry.subject == "Welcome to Stratus")
        #expect(try await fixture.list(as: "bob").notifications.map(\.type) == [.userRegistered])
    }

    /// The worker reads what the orders service really emits: an order placed through the orders API, its outbox
    /// envelope delivered as the queue would.
    @Test func anOrderPlacedThroughTheOrdersAPINotifiesItsCustomer() async throws {
        let fixture = try NotificationsFixture()
        try await fixture.addProfile("alice", email: "alice@example.com")
        let orders = OrdersAPI(store: fixture.store, clock: fixture.clock)
        let placed = try await orders.handle(
            .test("POST", "/orders", body: OrdersFixture.twoLines, claims: ["sub": "alice"]), context: .test())
        #expect(placed.statusCode == 201)
        var outbox: [Item] = []
        for shard in 0..<OutboxEvent.shardCount {
            outbox += try fixture.store.query(ItemQuery(partition: "OUTBOX#\(shard)")).items
        }
        let envelope = try #require(outbox.first?.string("envelope"))
        #expect(try await fixture.deliver([envelope]).batchItemFailures.isEmpty)
        let notification = try #require(try await fixture.list().notifications.first)
        #expect(notification.type == .orderCreated)
        #expect(notification.subject == "We have your order")
        #expect(try fixture.log.entries().map(\.to) == ["alice@example.com"])
    }

    /// A bad record is reported alone, logged with its message ID, and its reason is kept by message ID for the
    /// dead-letter processor; the good records of the batch are done.
    @Test func aFailedRecordIsReportedAndItsReasonKeptByMessageID() async throws {
        let fixture = try NotificationsFixture()
        let sink = InMemoryLogSink()
        let noRecipient = NotificationsFixture.envelope(id: "e-2", type: "OrderCreated", detail: #"{"orderId":"o-2"}"#)
        let response = try await fixture.deliver(
            [
                NotificationsFixture.statusChanged(id: "e-1"), noRecipient, "{not json",
                NotificationsFixture.statusChanged(id: "e-4"),
            ],
            logSink: sink)
        #expect(response.batchItemFailures.map(\.itemIdentifier) == ["m2", "m3"])
        #expect(try await fixture.list().notifications.map(\.notificationId) == ["e-4", "e-1"])

        let reason = try #require(
            try await fixture.store.get(DeadLetterReason.key(messageID: "m2")).flatMap(DeadLetterReason.init(item:)))
        #expect(reason.reason.contains("noRecipient"))
        #expect(reason.receiveCount == 1)
        let expiry = try fixture.store.get(DeadLetterReason.key(messageID: "m3"))?.int("expiresAt")
        #expect(expiry == Int(fixture.clock.nowSeconds + DeadLetterReason.retentionSeconds))
        #expect(sink.lines.filter { $0.contains("Batch record failed") }.count == 2)
    }

    @Test func eventsThatNotifyNobodyAreSkipped() async throws {
        let fixture = try NotificationsFixture()
        let other = NotificationsFixture.envelope(
            id: Self.eventID, type: "OrderArchived", detail: #"{"customerId":"alice"}"#)
        #expect(try await fixture.deliver([other]).batchItemFailures.isEmpty)
        #expect(try await fixture.list().notifications.isEmpty)
        #expect(try fixture.log.entries().isEmpty)
    }
}

/// A notifier that fails while `failing` is set and passes notifications on to `next` otherwise.
final class FlakyNotifier: Notifier {
    let failing = Mutex(true)
    let next: any Notifier

    init(next: any Notifier) {
        self.next = next
    }

    func send(_ notification: OutgoingNotification) async throws(NotifierError) {
        if self.failing.withLock({ $0 }) { throw NotifierError(.unavailable, "The test's notifier is down") }
        try await self.next.send(notification)
    }
}

/// A notifier that holds the first notification until a second one is being sent beside it, for five seconds at
/// most, and notes whether one was.
final class OverlapNotifier: Notifier {
    private let overlapped = Atomic<Bool>(false)
    private let inFlight = Mutex(0)

    /// Whether a notification was sent while another was on its way.
    var wasOverlapped: Bool { self.overlapped.load(ordering: .relaxed) }

    func send(_ notification: OutgoingNotification) async throws(NotifierError) {
        let sending = self.inFlight.withLock { count in
            count += 1
            return count
        }
        defer { self.inFlight.withLock { $0 -= 1 } }
        guard sending == 1 else {
            self.overlapped.store(true, ordering: .relaxed)
            return
        }
        for _ in 0..<500 where !self.overlapped.load(ordering: .relaxed) {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}
