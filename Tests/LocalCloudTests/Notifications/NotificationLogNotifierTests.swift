import Cloud
import Foundation
import LocalCloud
import StratusTesting
import Testing

@Suite("Notification log as the local notifier")
struct NotificationLogNotifierTests {
    static func email(key: String, to recipient: String = "ana@example.com") -> OutgoingNotification {
        OutgoingNotification(
            channel: .email, recipient: recipient, subject: "Your order is shipped", body: "Order o-1 is on its way.",
            idempotencyKey: key)
    }

    @Test func eachKeyIsWrittenOnceEvenByAnotherLogOnTheSameFile() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("notifications.log")
        let log = NotificationLog(path: path, clock: ManualClock(nowMilliseconds: 1_795_469_809_007))
        try await log.send(Self.email(key: "e-1#email"))
        try await log.send(Self.email(key: "e-1#email"))
        try await log.send(
            OutgoingNotification(
                channel: .sms, recipient: "+14155550123", subject: "s", body: "b", idempotencyKey: "e-1#sms"))
        // After a restart the keys are read back from the file.
        try await NotificationLog(path: path).send(Self.email(key: "e-1#email"))
        let entries = try log.entries()
        #expect(entries.map(\.key) == ["e-1#email", "e-1#sms"])
        #expect(entries.first?.time == "2026-11-23T21:36:49.007Z")
        #expect(entries.map(\.channel) == ["email", "sms"])
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }

    @Test func codesSentWithoutAKeyAreAllWrittenAndReadBackWithoutOne() async throws {
        let directory = try TemporaryDirectory()
        let log = NotificationLog(path: directory.path("notifications.log"))
        try log.sendEmail(to: "ana@example.com", subject: "Your password reset code", message: "123456")
        try log.sendEmail(to: "ana@example.com", subject: "Your password reset code", message: "123456")
        try await log.send(Self.email(key: "e-2#email"))
        #expect(try log.entries().map(\.key) == [nil, nil, "e-2#email"])
    }

    @Test func recipientsThatExistOnlyOnPaperAreRefusedAndNothingIsWritten() async throws {
        let directory = try TemporaryDirectory()
        let log = NotificationLog(path: directory.path("notifications.log"))
        let invalid = Self.email(key: "e-3#email", to: "ana@shop.INVALID")
        let underInvalid = "The address is under .invalid, reserved never to receive mail (RFC 2606)"
        await #expect(throws: NotifierError(.invalidRecipient, underInvalid)) {
            try await log.send(invalid)
        }
        let drama = OutgoingNotification(
            channel: .sms, recipient: "+447700900142", subject: "s", body: "b", idempotencyKey: "e-3#sms")
        do {
            try await log.send(drama)
            Issue.record("a number reserved for drama was accepted")
        } catch {
            #expect(error.code == .invalidRecipient && error.message.contains("reserved for drama"))
            #expect(!error.message.contains("900142"), "the reason does not repeat the number")
        }
        #expect(try log.entries().isEmpty)
        try await log.send(Self.email(key: "e-4#email", to: "ana@invalid.example.com"))
        var routable = drama
        routable.recipient = "+447700901420"
        try await log.send(routable)
        #expect(try log.entries().map(\.key) == ["e-4#email", "e-3#sms"])
    }

    @Test func oversizedOrAddresslessNotificationsAreRefused() async throws {
        let directory = try TemporaryDirectory()
        let log = NotificationLog(path: directory.path("notifications.log"))
        var long = Self.email(key: "k")
        long.body = String(repeating: "x", count: OutgoingNotification.maximumBodyBytes + 1)
        await #expect(throws: NotifierError(.tooLarge, "The subject or the body is over the limit")) {
            try await log.send(long)
        }
        await #expect(throws: NotifierError.self) { try await log.send(Self.email(key: "k", to: "")) }
        #expect(try log.entries().isEmpty)
    }

    @Test func portsWithoutANotifierRefuseToSend() async throws {
        let ports = CloudPorts.unconfigured("no adapters in this test")
        await #expect(throws: NotifierError(.unavailable, "no adapters in this test")) {
            try await ports.notifier.send(Self.email(key: "k"))
        }
    }
}
