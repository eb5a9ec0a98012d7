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
    static let password = "Correct-Horse-42-staple"

    @Test(.timeLimit(.minutes(2))) func anOrderIsNotifiedOnceThroughTheBusAndTheQueueAndReplayingNotifiesNobodyTwice()
        async throws
    {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        var (process, url, _) = try await StratusServe.start(dataDirectory: data)
        defer { if process.isRunning { process.terminate() } }

        let (registered, _, _) = try await StratusServe.send(
            "POST", url.appending(path: "auth/register"), token: nil,
            body: #"{"email":"alice@example.com","password":"\#(Self.password)","name":"Alice"}"#)
        #expect(registered == 201)
        let (_, login, _) = try await StratusServe.send(
            "POST", url.appending(path: "auth/login"), token: nil,
            body: #"{"email":"alice@example.com","password":"\#(Self.password)"}"#)
        let token = try #require(login["accessToken"] as? String)
        let (created, order, _) = try await StratusServe.send(
            "POST", url.appending(path: "orders"), token: token,
            body: #"{"items":[{"sku":"A-1","quantity":2,"unitPrice":1250}],"currency":"EUR"}"#)
        #expect(created == 201)
        let orderID = try #require(order["orderId"] as? String)

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

        let replay = try await runToCompletion(
            TestEnvironment.stratus,
            [
                "events", "replay", "--archive", "app-archive", "--from", "2000-01-01T00:00:00Z", "--to",
                "2100-01-01T00:00:00Z", "--data-dir", data,
            ])
        #expect(replay.status == 0, "\(replay.errorText)")
        #expect(replay.outputText.contains(": 2 events of app-archive sent to the bus app"), "\(replay.outputText)")
        let bus = try SQLiteEventBus(path: data + "/bus.sqlite")
        let queues = try SQLiteMessageQueue(path: data + "/queues.sqlite")
        try await eventually(timeout: .seconds(20), interval: .milliseconds(100)) {
            let pending = try await bus.pendingDeliveryCount()
            let queue = try await queues.attributes(of: "notifications")
            return pending == 0 && queue.visibleMessages == 0 && queue.inFlightMessages == 0
        }
        #expect(try log.entries().count == 2, "the replayed events were consumed without a second notification")

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        (process, url, _) = try await StratusServe.start(dataDirectory: data)
        let (_, after, _) = try await StratusServe.send("GET", url.appending(path: "notifications"), token: token)
        #expect((after["notifications"] as? [[String: Any]])?.count == 2)
        #expect(try await queues.attributes(of: "notifications-dlq").visibleMessages == 0)
    }
}
