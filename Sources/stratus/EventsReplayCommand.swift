import App
import ArgumentParser
import Cloud
import Foundation
import LocalCloud

/// `stratus events replay`: EventBridge's `StartReplay` on the local bus, sending a time window of an archive's
/// events back to its bus with `replay-name` set.
struct EventsReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay the events an archive kept from a time window to its bus.",
        discussion: """
            The events get a replay-name field and go to the rules named with --rule (all rules of the bus without \
            it). They are written to the bus's file at once; the running stratus serve delivers them to the rules' \
            targets (or the next one to start). With --backend aws, EventBridge replays the provisioned archive \
            (named as the manifest names it, e.g. app-archive) in the background.
            """
    )

    @Option(name: .long, help: "The archive to replay.")
    var archive: String

    @Option(name: .long, help: "The start of the window, ISO 8601 (e.g. 2026-12-01T10:00:00Z), inclusive.")
    var from: String

    @Option(name: .long, help: "The end of the window, ISO 8601, exclusive.")
    var to: String

    @Option(name: .customLong("rule"), help: "A rule to replay to; repeat for several. All rules when none is given.")
    var rules: [String] = []

    @Option(name: .long, help: "The replay's name; made from the archive and the time when not given.")
    var name: String?

    @Option(name: .customLong("data-dir"), help: "Where the local cloud keeps its data.")
    var dataDirectory = ".stratus"

    @OptionGroup var backend: BackendOptions

    func run() async throws {
        let from = try Self.milliseconds(self.from, option: "--from")
        let to = try Self.milliseconds(self.to, option: "--to")
        let data = LocalDataDirectory(path: self.dataDirectory)
        let aws = try self.backend.aws(dataDirectory: self.dataDirectory)
        let bus: any EventBus = try aws?.bus() ?? data.openEventBus()
        let archiveName = aws?.archiveName(self.archive, in: ReferenceApp.manifest) ?? self.archive
        let rules = self.rules.map { aws?.ruleName($0) ?? $0 }
        do {
            let archives = try await bus.listArchives()
            guard let archive = archives.first(where: { $0.name == archiveName }) else {
                throw EventBusError.notFound("Archive", archiveName)
            }
            let replay = try await bus.startReplay(
                EventReplay(
                    name: self.name ?? "\(self.archive.prefix(40))-\(data.clock.nowMilliseconds)",
                    archive: archive.name,
                    fromMilliseconds: from, toMilliseconds: to, destinationBus: archive.sourceBus,
                    ruleNames: rules.isEmpty ? nil : rules))
            let audience = rules.isEmpty ? "every rule" : "the rules \(rules.joined(separator: ", "))"
            // EventBridge replays in the background and does not count the events.
            let sent =
                aws == nil ? "\(replay.replayedEventCount) events of \(archive.name) sent" : "\(archive.name) started"
            print("Replay \(replay.name): \(sent) to the bus \(replay.destinationBus) for \(audience)")
        } catch let error as EventBusError {
            throw CommandLineError(error.description)
        }
    }

    /// `text` as milliseconds since the Unix epoch.
    private static func milliseconds(_ text: String, option: String) throws -> Int64 {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        guard let date = formatter.date(from: text) ?? plain.date(from: text) else {
            throw ValidationError("\(option) must be an ISO 8601 time such as 2026-12-01T10:00:00Z, not '\(text)'")
        }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
