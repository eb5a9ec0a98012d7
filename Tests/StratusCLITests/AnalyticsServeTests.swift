import Cloud
import Foundation
import LocalCloud
import StratusTesting
import Testing

/// Analytics in `stratus serve`, end to end on either backend: registrations and an order reach the analytics worker
/// through the outbox relay, the app bus and the `analytics` queue and are counted for today; a member of the staff
/// group (added by `stratus users add-to-group`) reads the counts, a customer may not; replaying the archive counts
/// nothing twice.
@Suite("stratus serve: analytics", .serialized)
struct AnalyticsServeTests {
    @Test(.timeLimit(.minutes(3)), arguments: ServedBackend.allCases)
    func eventsAreCountedOnceEvenAfterTheArchiveIsReplayed(backend: ServedBackend) async throws {
        guard let served = try await ServedSystem.start(backend) else { return }
        defer { served.stop() }
        let url = served.url

        let (token, _) = try await ServedShopping.registerAndOrder(at: url)
        let (forbidden, _, _) = try await StratusServe.send(
            "GET", Self.events(url, on: "2026-11-23"), token: token)
        #expect(forbidden == 403, "a customer's token is refused")

        let staff = try await Self.staffToken(of: "Sam", on: served)
        let today = String(SystemClock().nowISO8601.prefix(10))
        let expected = ["UserRegistered": 2, "OrderCreated": 1]
        let counted = try await eventually(timeout: .seconds(60), interval: .milliseconds(100)) {
            () async throws -> [String: Int]? in
            let counts = try await Self.counts(url, on: today, token: staff)
            return counts == expected ? counts : nil
        }
        #expect(counted == expected)

        try await ServedShopping.replayArchive(of: served, events: 3)
        try await served.waitUntilConsumed("analytics")
        #expect(try await Self.counts(url, on: today, token: staff) == expected, "the replay counted nothing twice")
        #expect(try await served.queues().attributes(of: "analytics-dlq").visibleMessages == 0)
    }

    /// Registers `name`, puts them into the staff group with `stratus users add-to-group` and signs them in again
    /// (the identity provider writes the groups into the tokens it issues from then on); their access token.
    static func staffToken(of name: String, on served: ServedSystem) async throws -> String {
        _ = try await ServedShopping.register(name, at: served.url)
        let email = "\(name.lowercased())@example.com"
        let added = try await served.command(["users", "add-to-group", "--email", email, "--group", "staff"])
        try #require(added.status == 0, "\(added.outputText)")
        let (_, login, _) = try await StratusServe.send(
            "POST", served.url.appending(path: "auth/login"), token: nil,
            body: #"{"email":"\#(email)","password":"\#(ServedShopping.password)"}"#)
        return try #require(login["accessToken"] as? String)
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
