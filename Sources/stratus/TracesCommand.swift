import ArgumentParser
import Foundation
import LambdaEvents
import LocalCloud
import Observability

/// `stratus traces`: the recent traces of a running `stratus serve`, or one trace as an indented timeline.
struct TracesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traces",
        abstract: "List the traces recorded by a running stratus serve, or print one as a timeline.",
        discussion:
            "A request's trace id is in its x-amzn-trace-id answer header (Root=…) and its log lines' xray_trace_id."
    )

    @Argument(help: "The trace to print (1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx); without it, the recent traces.")
    var traceID: String?

    @Option(
        name: .long, help: "Traces since: ISO 8601, epoch milliseconds, or a span back from now (30s, 15m, 2h, 1d).")
    var since = "1h"

    @Option(name: .long, help: "At most this many traces (the newest).")
    var limit = 20

    @OptionGroup var server: RunningServerOptions

    func validate() throws {
        guard (1...1000).contains(self.limit) else {
            throw ValidationError("--limit must be between 1 and 1000, not \(self.limit)")
        }
    }

    func run() async throws {
        let client = try self.server.telemetryClient()
        if let traceID {
            let trace = try await client.get("traces/\(traceID)", as: TraceTree.self)
            print(TraceTimeline.render(trace))
        } else {
            let list = try await client.get(
                "traces", query: [("since", self.since), ("limit", String(self.limit))], as: TraceList.self)
            print(Self.table(list.traces))
        }
    }

    static func table(_ traces: [TraceSummary]) -> String {
        guard !traces.isEmpty else { return "No traces recorded in that time." }
        var lines = [
            "TRACE ID                              START                     DURATION  STATUS  SEGMENTS  REQUEST"
        ]
        for trace in traces {
            let status = trace.status.map(String.init) ?? (trace.hasFault ? "fault" : trace.hasError ? "error" : "-")
            lines.append(
                [
                    trace.traceID.padding(toLength: 36, withPad: " ", startingAt: 0),
                    trace.startTime.padding(toLength: 24, withPad: " ", startingAt: 0),
                    TraceTimeline.milliseconds(trace.durationMilliseconds).leftPadded(to: 9),
                    status.leftPadded(to: 6),
                    String(trace.segmentCount).leftPadded(to: 8),
                    [trace.method, trace.url].compactMap { $0 }.joined(separator: " "),
                ].joined(separator: "  "))
        }
        return lines.joined(separator: "\n")
    }
}

/// One trace as a terminal timeline: a line per segment, indented under its parent, with its offset and duration
/// and a bar showing where in the trace it ran.
enum TraceTimeline {
    static let barWidth = 30

    static func render(_ trace: TraceTree) -> String {
        var lines = [
            "Trace \(trace.traceID)  started \(trace.startTime)  took \(Self.milliseconds(trace.durationMilliseconds))"
        ]
        let total = max(trace.durationMilliseconds, 0.001)
        func visit(_ node: TraceTree.Node, depth: Int) {
            let label = String(repeating: "  ", count: depth) + node.name + Self.details(node)
            let start = min(Self.barWidth - 1, Int(node.offsetMilliseconds / total * Double(Self.barWidth)))
            let length = max(
                1,
                min(
                    Self.barWidth - start,
                    Int(((node.durationMilliseconds ?? 0) / total * Double(Self.barWidth)).rounded())))
            let bar =
                String(repeating: " ", count: start) + String(repeating: "█", count: length)
                + String(repeating: " ", count: Self.barWidth - start - length)
            let duration = node.durationMilliseconds.map(Self.milliseconds) ?? "running"
            lines.append(
                "\(Self.milliseconds(node.offsetMilliseconds).leftPadded(to: 10)) \(duration.leftPadded(to: 10))  |\(bar)|  \(label)"
            )
            for child in node.subsegments { visit(child, depth: depth + 1) }
        }
        for segment in trace.segments { visit(segment, depth: 0) }
        return lines.joined(separator: "\n")
    }

    private static func details(_ node: TraceTree.Node) -> String {
        var parts: [String] = []
        if let origin = node.origin { parts.append(origin) }
        if let operation = node.aws?["operation"]?.stringValue {
            let resource = node.aws?["table_name"]?.stringValue ?? node.aws?["function_name"]?.stringValue
            parts.append([operation, resource].compactMap { $0 }.joined(separator: " "))
        }
        if let request = node.http?.request {
            parts.append([request.method, request.url].compactMap { $0 }.joined(separator: " "))
        }
        if let status = node.http?.response?.status { parts.append(String(status)) }
        if node.fault == true {
            parts.append("FAULT")
        } else if node.throttle == true {
            parts.append("THROTTLE")
        } else if node.error == true {
            parts.append("ERROR")
        }
        if let exception = node.cause?.exceptions.first {
            parts.append("\(exception.type ?? "error"): \(exception.message ?? "")")
        }
        return parts.isEmpty ? "" : "  (" + parts.joined(separator: ", ") + ")"
    }

    static func milliseconds(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(String(hundredths % 100).leftPadded(to: 2, with: "0")) ms"
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = " ") -> String {
        self.count >= width ? self : String(repeating: pad, count: width - self.count) + self
    }
}
