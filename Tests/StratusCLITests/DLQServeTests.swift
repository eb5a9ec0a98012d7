import Cloud
import Foundation
import LocalCloud
import StratusTesting
import Testing

/// `stratus dlq` against `stratus serve`: a poison message that reaches `notifications-dlq` is taken by the
/// dead-letter processor, listed, and redriven back onto `notifications`.
@Suite("stratus serve: dead letters", .serialized)
struct DLQServeTests {
    @Test(.timeLimit(.minutes(2))) func aPoisonMessageIsKeptListedAndRedriven() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        let (process, _, _) = try await StratusServe.start(dataDirectory: data)
        defer { if process.isRunning { process.terminate() } }

        // Five failed receives with a visibility of 180 s take too long: the poison goes straight to the DLQ.
        let queues = try SQLiteMessageQueue(path: data + "/queues.sqlite")
        let poison = try await queues.send(OutgoingMessage(body: #"{"not":"an event"}"#), to: "notifications-dlq")

        let listed = try await eventually(timeout: .seconds(20), interval: .milliseconds(200)) {
            () async throws -> String? in
            let list = try await runToCompletion(TestEnvironment.stratus, ["dlq", "list", "--data-dir", data])
            return list.outputText.contains(poison.messageID) ? list.outputText : nil
        }
        #expect(listed.contains("notifications") && listed.contains("dead"))
        #expect(try await queues.attributes(of: "notifications-dlq").visibleMessages == 0)

        let redrive = try await runToCompletion(
            TestEnvironment.stratus, ["dlq", "redrive", "--id", poison.messageID, "--data-dir", data])
        #expect(redrive.status == 0, "\(redrive.errorText)")
        #expect(redrive.outputText.contains("Redrove \(poison.messageID) to notifications"))
        let queue = try await queues.attributes(of: "notifications")
        #expect(queue.visibleMessages + queue.inFlightMessages == 1)
        let after = try await runToCompletion(TestEnvironment.stratus, ["dlq", "list", "--data-dir", data])
        #expect(after.outputText.contains("redriven"))
    }
}
