import ArgumentParser
import Foundation
import LambdaEvents
import LocalCloud

/// `stratus logs`: the functions' log lines from a running `stratus serve`, one readable line each.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print the functions' log lines recorded by a running stratus serve.",
        discussion:
            "Each line: time, function, level, message, then the line's other keys. EMF documents show as their metric values."
    )

    @Option(name: .long, help: "Only this function's lines.")
    var function: String?

    @Option(
        name: .customLong("correlation-id"),
        help: "Only the lines of this correlation id (a request's apigw-requestid by default).")
    var correlationID: String?

    @Option(name: .customLong("trace-id"), help: "Only the lines of this X-Ray trace.")
    var traceID: String?

    @Option(name: .long, help: "Only lines of this level: DEBUG, INFO, WARN, ERROR, METRIC.")
    var level: String?

    @Option(name: .long, help: "Lines since: ISO 8601, epoch milliseconds, or a span back from now (30s, 15m, 2h, 1d).")
    var since = "1h"

    @Option(name: .long, help: "At most this many lines (the newest).")
    var limit = 100

    @Flag(name: .long, help: "Keep printing new lines as they arrive, until Ctrl-C.")
    var follow = false

    @Flag(name: .long, help: "Print each line as the function wrote it.")
    var raw = false

    @OptionGroup var server: RunningServerOptions

    /// How often --follow asks for new lines.
    static let followInterval = Duration.milliseconds(500)

    func validate() throws {
        guard (1...10_000).contains(self.limit) else {
            throw ValidationError("--limit must be between 1 and 10000, not \(self.limit)")
        }
    }

    func run() async throws {
        let client = try self.server.telemetryClient()
        var after: Int64?
        repeat {
            let page = try await client.get(
                "logs",
                query: [
                    ("function", self.function), ("correlationId", self.correlationID), ("traceId", self.traceID),
                    ("level", self.level), ("since", after == nil ? self.since : nil),
                    ("after", after.map(String.init)),
                    ("limit", String(self.limit)),
                ], as: LogPage.self)
            // Written out at once, not when a pipe's buffer fills: a follower sees each line as it arrives.
            let text = page.logs.map { (self.raw ? $0.line : LogLineRendering.render($0)) + "\n" }.joined()
            if !text.isEmpty { FileHandle.standardOutput.write(Data(text.utf8)) }
            after = page.lastSequence
            if self.follow { try await Task.sleep(for: Self.followInterval) }
        } while self.follow
    }

}

/// A log event as one terminal line.
enum LogLineRendering {
    /// Keys every Powertools line has, left out of the rest.
    static let standardKeys: Set<String> = [
        "level", "message", "timestamp", "service", "cold_start", "function_name", "function_memory_size",
        "function_arn",
        "sampling_rate",
    ]

    static func render(_ event: LogPage.Event) -> String {
        let head =
            "\(event.timestamp)  \(event.function.padding(toLength: 8, withPad: " ", startingAt: 0)) "
            + (event.level ?? "-").padding(toLength: 6, withPad: " ", startingAt: 0)
        guard let object = (try? JSONDecoder().decode(JSONValue.self, from: Data(event.line.utf8)))?.objectValue else {
            return "\(head) \(event.message ?? event.line)"
        }
        if let metrics = object["_aws"]?["CloudWatchMetrics"]?.arrayValue {
            let names = metrics.flatMap { $0["Metrics"]?.arrayValue ?? [] }.compactMap { $0["Name"]?.stringValue }
            let values = names.map { name in "\(name)=\(object[name].map(Self.text) ?? "?")" }
            return "\(head) \(values.joined(separator: " "))"
        }
        let rest = object.filter { !Self.standardKeys.contains($0.key) }.sorted { $0.key < $1.key }
            .map { "\($0.key)=\(Self.text($0.value))" }
        return "\(head) \(event.message ?? "")" + (rest.isEmpty ? "" : "  " + rest.joined(separator: " "))
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .number(let number): return String(number)
        case .bool(let flag): return String(flag)
        case .null: return "null"
        case .array, .object:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
        }
    }
}
