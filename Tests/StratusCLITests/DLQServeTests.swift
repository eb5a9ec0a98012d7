import Cloud
import Foundation
import LocalCloud
import StratusTesting
import Testing

/// `stratus dlq` against `stratus serve`, on either backend: a poison message that reaches `notifications-dlq` is
/// taken by the dead-letter processor, listed, and redriven back onto `notifications`.
@Suite("stratus serve: dead letters", .serialized)
struct DLQServeTests {
    @Test(.timeLimit(.minutes(3)), arguments: ServedBackend.allCases)
    func aPoisonMessageIsKeptListedAndRedriven(backend: ServedBackend) async throws {
        guard let served = try await ServedSystem.start(backend) else { return }
        defer { served.stop() }

        // Five failed receives with a visibility of 180 s take too long: the poison goes straight to the DLQ.
        let queues = try served.queues()
        let poison = try await queues.send(OutgoingMessage(body: #"{"not":"an event"}"#), to: "notifications-dlq")

        let listed = try await eventually(timeout: .seconds(60), interval: .milliseconds(200)) {
            () async throws -> String? in
            let list = try await served.command(["dlq", "list"])
            return list.outputText.contains(poison.messageID) ? list.outputText : nil
        }
        #expect(listed.contains("notifications") && listed.contains("dead"))
        #expect(try await queues.attributes(of: "notifications-dlq").visibleMessages == 0)

        let redrive = try await served.command(["dlq", "redrive", "--id", poison.messageID], mergingErrors: false)
        #expect(redrive.status == 0, "\(redrive.errorText)")
        #expect(redrive.outputText.contains("Redrove \(poison.messageID) to notifications"), "\(redrive.outputText)")
        let queue = try await queues.attributes(of: "notifications")
        #expect(queue.visibleMessages + queue.inFlightMessages == 1)
        let after = try await served.command(["dlq", "list"])
        #expect(after.outputText.contains("redriven"))
    }
}
