import Cloud
import Foundation
import LocalCloud
import StratusTesting
import Testing

/// Analytics in `stratus serve`, end to end: a registration and an order reach the analytics worker through the
/// outbox relay, the app bus and the `analytics` queue and are counted for today; replaying the archive counts
/// nothing twice.
@Suite("stratus serve: analytics", .serialized)
struct AnalyticsServeTests {
    static let password = "Correct-Horse-42-staple"

    @Test(.timeLimit(.minutes(2))) func eventsAreCountedOnceEvenAfterTheArchiveIsReplayed() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        let (process, url, _) = try await StratusServe.start(dataDirectory: data)
        defer { if process.isRunning { process.terminate() } }

        let (registered, _, _) = try await StratusServe.send(
            "POST", url.appending(path: "auth/register"), token: nil,
            body: #"{"email":"alice@example.com","password":"\#(Self.password)","name":"Alice"}"#)
        #expect(registered == 201)
        let (_, login, _) = try await StratusServe.send(
            "POST", url.appending(path: "auth/login"), token: nil,
            body: #"{"email":"alice@example.com","password":"\#(Self.password)"}"#)
        let token = try #require(login["accessToken"] as? String)
        let (created, _, _) = try await StratusServe.send(
            "POST", url.appending(path: "orders"), token: token,
            body: #"{"items":[{"sku":"A-1","quantity":2,"unitPrice":1250}],"currency":"EUR"}"#)
        #expect(created == 201)

        let (forbidden, _, _) = try await StratusServe.send(
            "GET", Self.events(url, on: "2026-11-23"), token: token)
        #expect(forbidden == 403, "a customer's token is refused")

        let staff = try await StratusServe.token(["--sub", "x", "--group", "staff"], dataDirectory: data)
        let today = String(SystemClock().nowISO8601.prefix(10))
        let expected = ["UserRegistered": 1, "OrderCreated": 1]
        let counted = try await eventually(timeout: .seconds(20), interval: .milliseconds(100)) {
            () async throws -> [String: Int]? in
            let counts = try await Self.counts(url, on: today, token: staff)
            return counts == expected ? counts : nil
        }
        #expect(counted == expected)

        let replay = try await runToCompletion(
            TestEnvironment.stratus,
            [
                "events", "replay", "--archive", "app-archive", "--from", "2000-01-01T00:00:00Z", "--to",
                "2100-01-01T00:00:00Z", "--data-dir", data,
            ])
        #expect(replay.status == 0, "\(replay.errorText)")
        let bus = try SQLiteEventBus(path: data + "/bus.sqlite")
        let queues = try SQLiteMessageQueue(path: data + "/queues.sqlite")
        try await eventually(timeout: .seconds(20), interval: .milliseconds(100)) {
            let pending = try await bus.pendingDeliveryCount()
            let queue = try await queues.attributes(of: "analytics")
            return pending == 0 && queue.visibleMessages == 0 && queue.inFlightMessages == 0
        }
        #expect(try await Self.counts(url, on: today, token: staff) == expected, "the replay counted nothing twice")
        #expect(try await queues.attributes(of: "analytics-dlq").visibleMessages == 0)
    }

    /// The URL of `GET /analytics/events` for the one day `day`.
    static func events(_ url: URL, on day: String) -> URL {
        url.appending(path: "analytics/events").appending(queryItems: [
            URLQueryItem(name: "from", value: day), URLQueryItem(name: "to", value: day),
        ])
    }

    /// The counts of `day` as `GET /analytics/events` reports them.
    static func counts(_ url: URL, on day: String, token: String) async throws -> [String: Int] {
        let (status, body, _) = try await StratusServe.send("GET", Self.events(url, on: day), token: token)
        #expect(status == 200)
        let days = body["days"] as? [[String: Any]] ?? []
        return days.first?["counts"] as? [String: Int] ?? [:]
    }
}
