import Foundation
import LocalCloud
import StratusTesting
import Testing

/// A poison event through `stratus serve`, on either backend: a customer whose phone number is one no carrier routes (reserved for
/// drama) cancels an order, the text message is refused, and the event goes to `notifications-dlq` after five receives while the other
/// customers' events of the same batches are delivered. Once the customer fixes the number, `stratus dlq redrive`
/// delivers it exactly once.
@Suite("stratus serve: a poison event", .serialized)
struct PoisonEventServeTests {
    /// A number Ofcom reserves for drama, which no carrier routes.
    static let unroutablePhone = "+447700900142"
    static let phone = "+14155552671"

    @Test(.timeLimit(.minutes(4)), arguments: ServedBackend.allCases)
    func thePoisonIsDeadLetteredAfterFiveReceivesAndRedrivenOnceFixed(backend: ServedBackend) async throws {
        // Five receives of a failing message take seconds rather than five times the manifest's three minutes; on
        // moto, whose batches can take seconds under load, not so few that a batch still in hand comes back.
        let visibility: Duration = backend == .local ? .seconds(1) : .seconds(3)
        guard let served = try await ServedSystem.start(backend, visibilityTimeouts: ["notifications": visibility])
        else { return }
        defer { served.stop() }
        let url = served.url

        var tokens: [String: String] = [:]
        for name in ["Bob", "Alice", "Carol"] {
            let token = try await ServedShopping.register(name, at: url)
            let phone = name == "Bob" ? Self.unroutablePhone : Self.phone
            #expect(try await Self.updateProfile(name: name, phone: phone, at: url, token: token) == 200)
            tokens[name] = token
        }
        var orders: [String: String] = [:]
        for (name, token) in tokens {
            let (created, orderID) = try await ServedShopping.order(at: url, token: token)
            #expect(created == 201)
            let id: String = try #require(orderID)
            orders[name] = id
        }
        // The three cancellations go out together, so they share the worker's batches.
        try await withThrowingTaskGroup(of: Int.self) { group in
            for (name, token) in tokens {
                let order = url.appending(path: "orders/\(orders[name] ?? "")")
                let version = try await Self.etag(of: order, token: token)
                group.addTask {
                    try await StratusServe.send(
                        "PATCH", order.appending(path: "status"), token: token, body: #"{"status":"CANCELLED"}"#,
                        headers: ["if-match": version]
                    ).0
                }
            }
            for try await status in group { #expect(status == 200) }
        }

        let log = NotificationLog(path: served.data + "/notifications.log")
        try await eventually(timeout: .seconds(60), interval: .milliseconds(100)) {
            let texts = try log.entries().filter { $0.channel == "sms" }
            return ["Alice", "Carol"].allSatisfy { name in texts.contains { $0.message.contains(orders[name]!) } }
        }
        // The worker's poller rests longer after each batch that failed whole, as Lambda's does: this takes ~30 s
        // locally, up to twice that on a loaded moto.
        let dead = try await eventually(timeout: .seconds(150), interval: .milliseconds(250)) {
            () async throws -> [Substring]? in
            let list = try await served.command(["dlq", "list"], mergingErrors: false)
            let line = list.outputText.split(separator: "\n").first { $0.contains("NotifierError: invalidRecipient") }
            return line.map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        }
        // ID  SOURCE QUEUE  STATUS  RECEIVES  RECORDED  LAST ERROR. The count goes on in the dead-letter queue, as on
        // SQS: the worker's five receives, then the dead-letter processor's.
        #expect(Array(dead.dropFirst().prefix(3)) == ["notifications", "dead", "6"], "\(dead)")
        let id = String(dead[0])
        let shown = try await served.command(["dlq", "show", id], mergingErrors: false)
        #expect(shown.outputText.contains("reserved for drama"), "the reason: \(shown.outputText)")
        #expect(try Self.texts(about: orders["Bob"]!, in: log).isEmpty)
        #expect(try Self.cancellationEmails(about: orders["Bob"]!, in: log) == 1, "the email went out before the text")

        #expect(try await Self.updateProfile(name: "Bob", phone: Self.phone, at: url, token: tokens["Bob"]!) == 200)
        let redrive = try await served.command(["dlq", "redrive", "--id", id], mergingErrors: false)
        #expect(redrive.status == 0, "\(redrive.errorText)")
        try await eventually(timeout: .seconds(60), interval: .milliseconds(100)) {
            try Self.texts(about: orders["Bob"]!, in: log).count == 1
        }
        try await served.waitUntilConsumed("notifications")
        #expect(try Self.texts(about: orders["Bob"]!, in: log).map(\.to) == [Self.phone])
        #expect(try Self.cancellationEmails(about: orders["Bob"]!, in: log) == 1)
        let bobs = try await ServedShopping.notifications(at: url, token: tokens["Bob"]!)
        #expect(bobs.filter { $0["type"] as? String == "OrderStatusChanged" }.count == 1, "one notification item")
        for name in ["Alice", "Carol"] {
            #expect(try Self.texts(about: orders[name]!, in: log).count == 1)
        }
    }

    /// `PUT /users/me` with `name` and `phone`; the status.
    static func updateProfile(name: String, phone: String, at url: URL, token: String) async throws -> Int {
        let profile = url.appending(path: "users/me")
        return try await StratusServe.send(
            "PUT", profile, token: token, body: #"{"name":"\#(name)","phone":"\#(phone)"}"#,
            headers: ["if-match": try await Self.etag(of: profile, token: token)]
        ).0
    }

    /// The `ETag` of the resource at `url`, which a change sends back as `If-Match`.
    static func etag(of url: URL, token: String) async throws -> String {
        let (_, _, response) = try await StratusServe.send("GET", url, token: token)
        return try #require(response.value(forHTTPHeaderField: "etag"))
    }

    /// The text messages in `log` about the order `orderID`.
    static func texts(about orderID: String, in log: NotificationLog) throws -> [NotificationLog.Entry] {
        try log.entries().filter { $0.channel == "sms" && $0.message.contains(orderID) }
    }

    /// How many emails in `log` tell that the order `orderID` changed status.
    static func cancellationEmails(about orderID: String, in log: NotificationLog) throws -> Int {
        try log.entries().filter {
            $0.channel == "email" && $0.subject.hasPrefix("Your order is") && $0.message.contains(orderID)
        }.count
    }
}
