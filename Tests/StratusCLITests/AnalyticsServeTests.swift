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
    @Test(.timeLimit(.minutes(2))) func eventsAreCountedOnceEvenAfterTheArchiveIsReplayed() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        let (process, url, _) = try await StratusServe.start(dataDirectory: data)
        defer { if process.isRunning { process.terminate() } }

        let (token, _) = try await ServedShopping.registerAndOrder(at: url)

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

        let replay = try await ServedShopping.replayArchive(dataDirectory: data)
        #expect(replay.status == 0, "\(replay.errorText)")
        #expect(replay.outputText.contains(": 2 events of app-archive sent to the bus app"), "\(replay.outputText)")
        try await ServedShopping.waitUntilConsumed("analytics", dataDirectory: data)
        #expect(try await Self.counts(url, on: today, token: staff) == expected, "the replay counted nothing twice")
        let queues = try SQLiteMessageQueue(path: data + "/queues.sqlite")
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
