import ArgumentParser
import Foundation
import LocalCloud

/// `stratus queues`: the local queues, each with its messages by state, the age of its oldest message and its
/// dead-letter queue's depth; read from a running `stratus serve` (`--url`) or straight from a data folder.
struct QueuesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queues",
        abstract: "List the local queues with their visible, in-flight and delayed messages.",
        discussion: """
            With --url, asks that running stratus serve (GET /_stratus/api/queues, with the admin token of \
            STRATUS_ADMIN_TOKEN or --data-dir). Without it, reads the queues of --data-dir directly, which works \
            whether or not stratus serve runs. With --backend aws, asks SQS for the app's queues that \
            stratus provision recorded in --data-dir.
            """
    )

    @Option(name: .customLong("data-dir"), help: "The local cloud's data folder (and where serve's admin token is).")
    var dataDirectory = ".stratus"

    @Option(name: .long, help: "A running stratus serve, e.g. http://127.0.0.1:3000.")
    var url: String?

    @OptionGroup var backend: BackendOptions

    func validate() throws {
        if self.url != nil, self.backend.backend == .aws {
            throw ValidationError("--url asks a running stratus serve; it cannot be combined with --backend aws")
        }
    }

    func run() async throws {
        let statistics: [QueueStatistics]
        if let aws = try self.backend.aws(dataDirectory: self.dataDirectory) {
            do {
                statistics = try await QueueStatistics.collect(from: try aws.queues())
            } catch {
                throw CommandLineError("Cannot read the queues at \(aws.connection.endpoint): \(error)")
            }
        } else if let url {
            let client = try TelemetryClient(endpoint: url, dataDirectory: self.dataDirectory)
            statistics = try await client.get("queues", as: QueueStatisticsAPI.Listing.self).queues
        } else {
            let folder = LocalDataDirectory(path: self.dataDirectory)
            guard FileManager.default.fileExists(atPath: folder.queuesPath) else {
                throw CommandLineError("No queues in \(self.dataDirectory): \(folder.queuesPath) does not exist")
            }
            do {
                statistics = try await QueueStatistics.collect(from: try folder.openQueues())
            } catch let error as CommandLineError {
                throw error
            } catch {
                throw CommandLineError("Cannot read the queues in \(folder.queuesPath): \(error)")
            }
        }
        print(Self.table(statistics))
    }

    /// The queues as a table, one line each; `-` where a queue has no value.
    static func table(_ queues: [QueueStatistics]) -> String {
        guard !queues.isEmpty else { return "No queues." }
        let header = ["QUEUE", "VISIBLE", "IN FLIGHT", "DELAYED", "OLDEST", "DEAD-LETTER QUEUE", "DLQ DEPTH"]
        let rows = queues.map { queue in
            [
                queue.name, String(queue.visible), String(queue.inFlight), String(queue.delayed),
                queue.oldestMessageAgeSeconds.map { "\($0)s" } ?? "-", queue.deadLetterQueue ?? "-",
                queue.deadLetterDepth.map(String.init) ?? "-",
            ]
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        return ([header] + rows).map { row in
            row.enumerated().map { column, cell in
                column == 0 || column == 5
                    ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : cell.leftPadded(to: widths[column])
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
