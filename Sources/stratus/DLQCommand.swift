import ArgumentParser
import Cloud
import Foundation
import LocalCloud
import Services

/// `stratus dlq …`: the dead letters the dead-letter processor kept in a data folder's store; lists them, shows one
/// and sends them back to their source queues.
struct DLQCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq",
        abstract: "List, show and redrive the dead letters of the local cloud or of the provisioned AWS resources.",
        subcommands: [List.self, Show.self, Redrive.self]
    )

    /// The data folder every subcommand reads, and whether its local cloud or its provisioned AWS resources.
    struct DataFolder: ParsableArguments {
        @Option(name: .customLong("data-dir"), help: "The local cloud's data folder.")
        var dataDirectory = ".stratus"

        @OptionGroup var backend: BackendOptions

        var folder: LocalDataDirectory { LocalDataDirectory(path: self.dataDirectory) }

        /// The store the dead letters are kept in: the folder's, or the provisioned table; a clear error when there
        /// is none.
        func openStore() throws -> any ItemStore {
            if let aws = try self.backend.aws(dataDirectory: self.dataDirectory) { return try aws.store() }
            guard FileManager.default.fileExists(atPath: self.folder.storePath) else {
                throw CommandLineError("No store in \(self.dataDirectory): \(self.folder.storePath) does not exist")
            }
            return try self.folder.openStore()
        }

        /// The queues dead letters are sent back to: the folder's, or the provisioned ones.
        func openQueues() throws -> any MessageQueue {
            if let aws = try self.backend.aws(dataDirectory: self.dataDirectory) { return try aws.queues() }
            return try self.folder.openQueues()
        }
    }

    /// `--queue`, checked as `GET /admin/dead-letters` checks it.
    struct QueueFilter: ParsableArguments {
        @Option(name: .long, help: "Only the dead letters of this source queue, e.g. notifications.")
        var queue: String?

        func validate() throws {
            guard let queue = self.queue else { return }
            guard (1...80).contains(queue.count) else { throw ValidationError("--queue must be 1 to 80 characters") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the dead letters, newest first.")

        @OptionGroup var data: DataFolder
        @OptionGroup var filter: QueueFilter

        func run() async throws {
            let repository = DeadLetterRepository(store: try self.data.openStore())
            let deadLetters = try await repository.all(sourceQueue: self.filter.queue)
            guard !deadLetters.isEmpty else {
                print("No dead letters.")
                return
            }
            let rows = deadLetters.map { letter in
                [
                    letter.messageId, letter.sourceQueue, letter.status.rawValue, String(letter.receiveCount),
                    letter.recordedAt, String((letter.lastError ?? "-").prefix(60)),
                ]
            }
            print(
                TextTable(header: ["ID", "SOURCE QUEUE", "STATUS", "RECEIVES", "RECORDED", "LAST ERROR"], rows: rows)
                    .rendered)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one dead letter as JSON, with its body and last error.")

        @Argument(help: "The dead letter's message ID.")
        var id: String

        @OptionGroup var data: DataFolder

        func run() async throws {
            guard let deadLetter = try await DeadLetterRepository(store: try self.data.openStore()).find(self.id) else {
                throw CommandLineError("No dead letter has the ID \(self.id) (in \(self.data.dataDirectory))")
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(deadLetter), as: UTF8.self))
        }
    }

    struct Redrive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send dead letters back to their source queues as new messages and mark them redriven.",
            discussion: "Without --id, sends every dead letter not redriven yet (of --queue, when given).")

        @OptionGroup var data: DataFolder
        @OptionGroup var filter: QueueFilter

        @Option(name: .long, help: "Only the dead letter with this message ID (sent again even if redriven before).")
        var id: String?

        func run() async throws {
            let redriver = DeadLetterRedriver(store: try self.data.openStore(), queues: try self.data.openQueues())
            let sent: [DeadLetter]
            do {
                sent = try await redriver.redrive(messageID: self.id, sourceQueue: self.filter.queue)
            } catch let error as DeadLetterError {
                throw CommandLineError("\(error.message) (in \(self.data.dataDirectory))")
            }
            for deadLetter in sent {
                print("Redrove \(deadLetter.messageId) to \(deadLetter.sourceQueue)")
            }
            print("\(sent.count) dead letter\(sent.count == 1 ? "" : "s") redriven")
        }
    }
}
