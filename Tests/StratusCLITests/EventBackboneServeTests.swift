import Cloud
import Foundation
import LocalCloud
import StratusTesting
import Testing

/// The asynchronous half of `stratus serve`, end to end on either backend: an order's event crosses the outbox relay,
/// the app bus and the notifications queue into the worker, which notifies once; replaying the archive notifies
/// nobody twice; the queues and their messages outlive a restart.
@Suite("stratus serve: the event backbone", .serialized)
struct EventBackboneServeTests {
    @Test(.timeLimit(.minutes(3)), arguments: ServedBackend.allCases)
    func anOrderIsNotifiedOnceThroughTheBusAndTheQueueAndReplayingNotifiesNobodyTwice(backend: ServedBackend)
        async throws
    {
        guard let served = try await ServedSystem.start(backend) else { return }
        defer { served.stop() }

        let (token, orderID) = try await ServedShopping.registerAndOrder(at: served.url)

        let notifications = try await eventually(timeout: .seconds(60), interval: .milliseconds(100)) {
            () async throws -> [[String: Any]]? in
            let items = try await ServedShopping.notifications(at: served.url, token: token)
            return items.count == 2 ? items : nil
        }
        #expect(Set(notifications.compactMap { $0["type"] as? String }) == ["OrderCreated", "UserRegistered"])
        let orderNotice = try #require(notifications.first { $0["type"] as? String == "OrderCreated" })
        #expect((orderNotice["body"] as? String)?.contains(orderID) == true)
        // The worker records a notification before it sends it: once the queue is empty, the sending is done too.
        try await served.waitUntilConsumed("notifications")
        // The notifier has no AWS adapter: on both backends the worker hands its messages to the data folder's log.
        let log = NotificationLog(path: served.data + "/notifications.log")
        let sent = try log.entries().filter { $0.message.contains(orderID) }.count
        #expect(sent == 1)

        try await ServedShopping.replayArchive(of: served, events: 2)
        try await served.waitUntilConsumed("notifications")
        #expect(try log.entries().count == 2, "the replayed events were consumed without a second notification")

        try await served.restart()
        let after = try await ServedShopping.notifications(at: served.url, token: token)
        #expect(after.count == 2)
        #expect(try await served.queues().attributes(of: "notifications-dlq").visibleMessages == 0)
    }
}
