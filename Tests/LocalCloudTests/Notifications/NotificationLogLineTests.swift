import Foundation
import StratusTesting
import Testing

@testable import LocalCloud

/// The log's lines as files written before kept them, and whole under concurrent writers.
@Suite struct NotificationLogLineTests {
    @Test(arguments: [
        NotificationLog.Entry(
            time: "2026-12-07T05:20:00.000Z", channel: "email", to: "ana@example.com", subject: "Your order",
            message: "Order o-1 is on its way.", key: "e-1#email"),
        NotificationLog.Entry(
            time: "2026-12-07T05:20:00.000Z", channel: "sms", to: "+15550100",
            subject: #"A "quoted" \ back/slash"#, message: "line one\nline two\ttab \u{1} é 🚚", key: nil),
    ])
    func aLineIsTheJSONTheLogWasAlwaysWrittenIn(_ entry: NotificationLog.Entry) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let foundationLine = Array(try encoder.encode(entry)) + [UInt8(ascii: "\n")]
        #expect(NotificationLog.line(for: entry) == foundationLine)
    }

    @Test func linesAppendedAtOnceByFourLogsOnOneFileStayWhole() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("notifications.log")
        let logs = (0..<4).map { _ in NotificationLog(path: path) }
        let body = String(repeating: "x", count: 3_000)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (number, log) in logs.enumerated() {
                group.addTask {
                    for index in 0..<250 {
                        try log.sendEmail(to: "user\(number)@example.com", subject: "s\(index)", message: body)
                    }
                }
            }
            try await group.waitForAll()
        }
        let entries = try logs[0].entries()
        #expect(entries.count == 1_000)
        #expect(entries.allSatisfy { $0.message == body })
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }
}
