import Cloud
import Foundation
import LambdaEvents
import LocalCloud
import Services
import StratusTesting
import Testing

/// `stratus dlq` on a data folder whose store holds a dead letter the processor recorded, as after `stratus serve`.
@Suite("stratus dlq")
struct DLQCommandTests {
    /// A data folder with the `notifications` queue and the dead letter `m-1` of it, carrying a trace header.
    static func prepareDataFolder(_ data: TemporaryDirectory) async throws -> String {
        let folder = data.path("data")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let queues = try SQLiteMessageQueue(path: "\(folder)/queues.sqlite")
        try await queues.createQueue("notifications")
        let store = try SQLiteItemStore(path: "\(folder)/store.sqlite")
        let processor = DeadLetterProcessor(
            store: store, sources: DeadLetterSources(["notifications-dlq": "notifications"]))
        var message = SQSEvent.Message.test(
            "m-1", body: #"{"poison":true}"#, receiveCount: 5, queue: "notifications-dlq")
        message.attributes.awsTraceHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"
        _ = try await processor.handle(SQSEvent(records: [message]), context: .test(function: "dead-letters"))
        return folder
    }

    @Test func listShowAndRedriveTheDeadLettersOfADataFolder() async throws {
        let data = try TemporaryDirectory()
        let folder = try await Self.prepareDataFolder(data)

        let list = try await InvokeCommandTests.stratus(["dlq", "list", "--data-dir", folder])
        #expect(list.status == 0, "\(list.standardError)")
        #expect(list.standardOutput.contains("m-1") && list.standardOutput.contains("notifications"))
        #expect(list.standardOutput.contains("dead"))
        let otherQueue = try await InvokeCommandTests.stratus([
            "dlq", "list", "--queue", "orders", "--data-dir", folder,
        ])
        #expect(otherQueue.standardOutput.contains("No dead letters."))

        let show = try await InvokeCommandTests.stratus(["dlq", "show", "m-1", "--data-dir", folder])
        #expect(show.status == 0, "\(show.standardError)")
        #expect(show.standardOutput.contains(#""sourceQueue" : "notifications""#))

        let redrive = try await InvokeCommandTests.stratus([
            "dlq", "redrive", "--queue", "notifications", "--data-dir", folder,
        ])
        #expect(redrive.status == 0, "\(redrive.standardError)")
        #expect(redrive.standardOutput.contains("1 dead letter redriven"))
        let queues = try SQLiteMessageQueue(path: "\(folder)/queues.sqlite")
        let back = try await queues.receive(from: "notifications", maxMessages: 10, waitTime: .zero)
        #expect(back.map(\.body) == [#"{"poison":true}"#])
        #expect(back.first?.traceHeader == "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
        let store = try SQLiteItemStore(path: "\(folder)/store.sqlite")
        #expect(try await DeadLetterRepository(store: store).find("m-1")?.status == .redriven)

        // Nothing is left to send back unless asked for by ID.
        let again = try await InvokeCommandTests.stratus(["dlq", "redrive", "--data-dir", folder])
        #expect(again.standardOutput.contains("0 dead letters redriven"))
    }

    @Test func unknownIDsAndMissingDataAreClearErrors() async throws {
        let data = try TemporaryDirectory()
        let empty = try await InvokeCommandTests.stratus(["dlq", "list", "--data-dir", data.path("none")])
        #expect(empty.status != 0 && empty.standardError.contains("No store in"))
        let folder = try await Self.prepareDataFolder(data)
        let show = try await InvokeCommandTests.stratus(["dlq", "show", "m-9", "--data-dir", folder])
        #expect(show.status != 0 && show.standardError.contains("No dead letter has the ID m-9"))
        let redrive = try await InvokeCommandTests.stratus(["dlq", "redrive", "--id", "m-9", "--data-dir", folder])
        #expect(redrive.status != 0 && redrive.standardError.contains("No dead letter has the ID m-9"))
    }
}
