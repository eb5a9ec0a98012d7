import Cloud
import Foundation
import LocalCloud
import StratusTesting
import Testing

/// The asynchronous half of `stratus serve`, end to end: an order's event crosses the outbox relay, the app bus and
/// the notifications queue into the worker, which notifies once; replaying the archive notifies nobody twice; the
/// queues and their messages outlive a restart.
@Suite("stratus serve: the event backbone", .serialized)
struct EventBackboneServeTests {
    @Test(.timeLimit(.minutes(2))) func anOrderIsNotifiedOnceThroughTheBusAndTheQueueAndReplayingNotifiesNobodyTwice()
        async throws
    {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        var (process, url, _) = try await StratusServe.start(dataDirectory: data)
        defer { if process.isRunning { process.terminate() } }

        let (token, orderID) = try await ServedShopping.registerAndOrder(at: url)

        let notifications = try await eventually(timeout: .seconds(20), interval: .milliseconds(100)) {
            () async throws -> [[String: Any]]? in
            let (_, body, _) = try await StratusServe.send("GET", url.appending(path: "notifications"), token: token)
            let items = body["notifications"] as? [[String: Any]] ?? []
            return items.count == 2 ? items : nil
        }
        #expect(Set(notifications.compactMap { $0["type"] as? String }) == ["OrderCreated", "UserRegistered"])
        let orderNotice = try #require(notifications.first { $0["type"] as? String == "OrderCreated" })
        #expect((orderNotice["body"] as? String)?.contains(orderID) == true)
        let log = NotificationLog(path: data + "/notifications.log")
        #expect(try log.entries().filter { $0.message.contains(orderID) }.count == 1)

        let replay = try await ServedShopping.replayArchive(dataDirectory: data)
        #expect(replay.status == 0, "\(replay.errorText)")
        #expect(replay.outputText.contains(": 2 events of app-archive sent to the bus app"), "\(replay.outputText)")
        try await ServedShopping.waitUntilConsumed("notifications", dataDirectory: data)
        #expect(try log.entries().count == 2, "the replayed events were consumed without a second notification")

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        (process, url, _) = try await StratusServe.start(dataDirectory: data)
        let (_, after, _) = try await StratusServe.send("GET", url.appending(path: "notifications"), token: token)
        #expect((after["notifications"] as? [[String: Any]])?.count == 2)
        let queues = try SQLiteMessageQueue(path: data + "/queues.sqlite")
        #expect(try await queues.attributes(of: "notifications-dlq").visibleMessages == 0)
    }
}
