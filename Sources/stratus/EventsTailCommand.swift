import ArgumentParser
import Foundation
import LocalCloud

/// `stratus events tail`: the events crossing a running `stratus serve`'s bus, one line each with the rules they
/// matched; `--follow` keeps printing new ones.
struct EventsTailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print the events that crossed a running stratus serve's bus, with the rules they matched.",
        discussion: """
            Each line: time, bus, detail-type, source, event id, then the rules the event matched (or "(no rule)"). \
            Reads GET /_stratus/api/events with the admin token of STRATUS_ADMIN_TOKEN or --data-dir.
            """
    )

    @Option(name: .long, help: "The running stratus serve.")
    var url = "http://127.0.0.1:3000"

    @Option(name: .customLong("data-dir"), help: "The --data-dir of that stratus serve, where its admin token is.")
    var dataDirectory = ".stratus"

    @Option(name: .long, help: "At most this many of the latest events first (1-1000).")
    var limit = 20

    @Flag(name: .long, help: "Keep printing new events as they cross the bus, until Ctrl-C.")
    var follow = false

    /// How often --follow asks for new events.
    static let followInterval = Duration.seconds(1)

    func validate() throws {
        guard (1...BusActivityAPI.maximumLimit).contains(self.limit) else {
            throw ValidationError("--limit must be between 1 and \(BusActivityAPI.maximumLimit), not \(self.limit)")
        }
    }

    func run() async throws {
        let client = try TelemetryClient(endpoint: self.url, dataDirectory: self.dataDirectory)
        var after: UInt64 = 0
        var limit = self.limit
        repeat {
            let page = try await client.get(
                "events", query: [("after", String(after)), ("limit", String(limit))], as: BusActivityAPI.Page.self)
            // Written out at once, not when a pipe's buffer fills: a follower sees each event as it arrives.
            let text = page.events.map { Self.line($0) + "\n" }.joined()
            if !text.isEmpty { FileHandle.standardOutput.write(Data(text.utf8)) }
            after = page.next
            limit = BusActivityAPI.maximumLimit
            if self.follow { try await Task.sleep(for: Self.followInterval) }
        } while self.follow
    }

    /// An event as one terminal line.
    static func line(_ event: BusActivityAPI.Event) -> String {
        let rules = event.rules.isEmpty ? "(no rule)" : event.rules.joined(separator: ", ")
        let replay = event.replayName.map { "  (replay \($0))" } ?? ""
        return "\(event.time)  \(event.bus)  \(event.detailType)  \(event.source)  \(event.id)  → \(rules)\(replay)"
    }
}
