import Foundation
import LocalCloud
import StratusTesting
import Testing

/// What the end-to-end tests of the event backbone do through a running `stratus serve`: a customer registers and
/// orders, the archive of the app bus is replayed, and the test waits until a queue's consumer has taken everything.
enum ServedShopping {
    static let password = "Correct-Horse-42-staple"

    /// Registers alice at `url`, signs her in and places one order; her access token and the order's ID.
    static func registerAndOrder(at url: URL) async throws -> (token: String, orderID: String) {
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
        return (token, try #require(order["orderId"] as? String))
    }

    /// Runs `stratus events replay` over the whole of `app-archive` in `dataDirectory`.
    static func replayArchive(dataDirectory: String) async throws -> ProcessRun {
        try await runToCompletion(
            TestEnvironment.stratus,
            [
                "events", "replay", "--archive", "app-archive", "--from", "2000-01-01T00:00:00Z", "--to",
                "2100-01-01T00:00:00Z", "--data-dir", dataDirectory,
            ])
    }

    /// Waits until the bus in `dataDirectory` has delivered everything and `queue` holds no message, visible or in
    /// flight.
    static func waitUntilConsumed(_ queue: String, dataDirectory: String) async throws {
        let bus = try SQLiteEventBus(path: dataDirectory + "/bus.sqlite")
        let queues = try SQLiteMessageQueue(path: dataDirectory + "/queues.sqlite")
        try await eventually(timeout: .seconds(20), interval: .milliseconds(100)) {
            let pending = try await bus.pendingDeliveryCount()
            let attributes = try await queues.attributes(of: queue)
            return pending == 0 && attributes.visibleMessages == 0 && attributes.inFlightMessages == 0
        }
    }
}
