import Foundation
import StratusTesting
import Testing

/// `POST /orders` is one trace through `stratus serve`: the gateway, the orders function and its store calls, the
/// outbox relay's publishing, the bus's delivery to the notifications queue, and the worker's invocation (continued
/// from the message's `AWSTraceHeader`) with its store calls and its notifier call, all in one tree that
/// `stratus traces ID` prints.
@Suite("stratus serve: one trace from an order to its notification", .serialized)
struct OrderTraceServeTests {
    /// The spans from the API stage down to the notifier's email, each an ancestor of the next.
    static let chain = [
        "stratus/default", "Lambda", "orders", "## orders", "outbox-relay", "EventBridge", "app", "SQS",
        "notifications-worker", "notifications-worker", "## notifications-worker", "SES",
    ]

    /// Local only: with `--backend aws` the trace ends with the orders function's `TransactWriteItems`. The outbox
    /// relay runs from the table's stream there, as a stream-triggered Lambda function does, in a trace of its own;
    /// continuing the order's trace from the outbox item (as the local relay does) is yet to be built.
    @Test(.timeLimit(.minutes(3)), arguments: [ServedBackend.local])
    func anOrderIsOneTraceFromTheGatewayToTheNotifier(backend: ServedBackend) async throws {
        // Nothing is sampled unless the request asks: only the order's trace is recorded.
        guard
            let served = try await ServedSystem.start(
                backend, arguments: ["--trace-reservoir", "0", "--trace-rate", "0"])
        else { return }
        defer { served.stop() }
        let (url, data) = (served.url, served.data)

        let token = try await ServedShopping.register("Alice", at: url)
        // The welcome goes first, so the order's event is the first of its batch, whose trace the worker continues.
        try await eventually(timeout: .seconds(60), interval: .milliseconds(100)) {
            try await ServedShopping.notifications(at: url, token: token).count == 1
        }
        let traceID = Self.newTraceID()
        let (created, orderID) = try await ServedShopping.order(
            at: url, token: token, headers: ["x-amzn-trace-id": "Root=\(traceID);Sampled=1"])
        #expect(created == 201 && orderID != nil)
        try await eventually(timeout: .seconds(60), interval: .milliseconds(100)) {
            try await ServedShopping.notifications(at: url, token: token).count == 2
        }

        let arguments = ["traces", traceID, "--endpoint", url.absoluteString, "--data-dir", data]
        let (printed, spans) = try await eventually(timeout: .seconds(60), interval: .milliseconds(200)) {
            () async throws -> (String, [PrintedSpan])? in
            let run = try await runToCompletion(TestEnvironment.stratus, arguments)
            let spans = PrintedSpan.parse(run.outputText)
            // The worker's subsegment is the last document to arrive.
            return spans.contains { $0.name == "## notifications-worker" } ? (run.outputText, spans) : nil
        }
        #expect(spans.filter { $0.parent == nil }.map(\.name) == ["stratus/default"], "one tree:\n\(printed)")
        let email = try #require(spans.firstIndex { $0.name == "SES" }, "the notifier's call:\n\(printed)")
        #expect(PrintedSpan.path(to: email, in: spans) == Self.chain, "\(printed)")
        for function in ["## orders", "## notifications-worker"] {
            let parent = spans.firstIndex { $0.name == function }
            #expect(spans.contains { $0.name == "DynamoDB" && $0.parent == parent }, "\(function)'s store calls")
        }
        let bus = try #require(spans.first { $0.name == "app" })
        #expect(bus.details.contains("AWS::Events"), "\(printed)")
        let consumer = spans.filter { $0.name == "notifications-worker" }.map(\.details)
        #expect(
            consumer.first?.contains("AWS::Lambda") == true && consumer.last?.contains("AWS::Lambda::Function") == true)
    }

    /// A new X-Ray trace id: the time in seconds, then 96 random bits.
    static func newTraceID() -> String {
        let seconds = String(Int(Date().timeIntervalSince1970), radix: 16)
        let random = (0..<24).map { _ in String(Int.random(in: 0..<16), radix: 16) }.joined()
        return "1-\(seconds)-\(random)"
    }
}

/// A line of `stratus traces ID`: a span's name and details, and the index of the line it is indented under.
struct PrintedSpan: Equatable {
    let name: String
    /// What follows the name in parentheses (origin, operation, status), or empty.
    let details: String
    let depth: Int
    let parent: Int?

    /// The spans of a printed timeline, in the order printed.
    static func parse(_ timeline: String) -> [PrintedSpan] {
        var spans: [PrintedSpan] = []
        var open: [Int] = []
        for line in timeline.split(separator: "\n").dropFirst() {
            // "   offset   duration  |bar|  <indent>name  (details)"
            let bars = line.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
            guard bars.count == 3 else { continue }
            let label = bars[2].dropFirst(2)
            let indent = label.prefix { $0 == " " }.count
            let text = label.dropFirst(indent)
            let parts = text.split(separator: "  (", maxSplits: 1)
            let depth = indent / 2
            open = Array(open.prefix(depth))
            spans.append(
                PrintedSpan(
                    name: String(parts.first ?? ""), details: parts.count > 1 ? String(parts[1].dropLast()) : "",
                    depth: depth, parent: open.last))
            open.append(spans.count - 1)
        }
        return spans
    }

    /// The names from the root down to the span at `index`.
    static func path(to index: Int, in spans: [PrintedSpan]) -> [String] {
        var names: [String] = []
        var current: Int? = index
        while let at = current {
            names.insert(spans[at].name, at: 0)
            current = spans[at].parent
        }
        return names
    }
}
