public import Cloud
import Foundation
import JSONCoding
import LambdaRuntime
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The local cloud's outbox to people: every email or text message the system would send is appended to one file as
/// a JSON line (`time`, `channel`, `to`, `subject`, `message`, and `key` when the sender named one), readable by its
/// owner only. Password-reset codes reach a developer here. A message whose idempotency key is in the log already is
/// not appended again, so a retried send shows once.
public final class NotificationLog: Sendable {
    /// One message as it is written to the log.
    public struct Entry: Codable, Sendable, Equatable {
        /// When the message was sent, ISO 8601 in UTC.
        public var time: String
        /// How the message would travel, e.g. `email`.
        public var channel: String
        /// The recipient's address.
        public var to: String
        /// The message's subject line.
        public var subject: String
        /// The message text.
        public var message: String
        /// The sender's idempotency key: no two entries share one.
        public var key: String?

        /// Creates an entry; `time` is ISO 8601 in UTC.
        public init(time: String, channel: String, to: String, subject: String, message: String, key: String? = nil) {
            self.time = time
            self.channel = channel
            self.to = to
            self.subject = subject
            self.message = message
            self.key = key
        }
    }

    /// The file the messages are appended to.
    public let path: String
    /// The idempotency keys in the file, read from it on the first message that has one; the lock also keeps
    /// appends whole.
    private let deliveredKeys = Mutex<Set<String>?>(nil)
    /// The time messages are sent at.
    private let clock: any Clock

    /// A log at `path`, its messages sent at `clock`'s time; the file is created on the first message.
    public init(path: String, clock: any Clock = SystemClock()) {
        self.path = path
        self.clock = clock
    }

    /// Appends an email to `address`.
    public func sendEmail(to address: String, subject: String, message: String) throws {
        try self.append(channel: "email", to: address, subject: subject, message: message, key: nil)
    }

    /// Appends a message on `channel` (`email`, `sms`) unless one with `key` is in the log already; `true` when it
    /// was appended.
    @discardableResult
    func append(channel: String, to address: String, subject: String, message: String, key: String?) throws -> Bool {
        let entry = Entry(
            time: self.clock.nowISO8601, channel: channel, to: address, subject: subject, message: message, key: key)
        let line = Self.line(for: entry)
        return try self.deliveredKeys.withLock { delivered in
            if let key {
                let known = try delivered ?? Set(self.entries().compactMap(\.key))
                delivered = known
                guard !known.contains(key) else { return false }
            }
            try self.appendLine(line)
            if let key { delivered?.insert(key) }
            return true
        }
    }

    /// `entry` as one line of the log: its members sorted by name, as the log has always been written, and a newline.
    static func line(for entry: Entry) -> [UInt8] {
        var writer = JSONWriter(capacity: 128 + entry.subject.utf8.count + entry.message.utf8.count)
        writer.beginObject()
        writer.member("channel", entry.channel)
        if let key = entry.key { writer.member("key", key) }
        writer.member("message", entry.message)
        writer.member("subject", entry.subject)
        writer.member("time", entry.time)
        writer.member("to", entry.to)
        writer.endObject()
        var line = writer.bytes
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// Writes `line` at the end of the file through a descriptor opened to append, so that a line another log on the
    /// same file appends at the same moment is never written into the middle of it; the file is created readable by
    /// its owner only.
    private func appendLine(_ line: [UInt8]) throws {
        let descriptor = open(self.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        guard line.withUnsafeBytes({ writeAll(to: descriptor, $0) }) else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    /// Every message in the log, oldest first.
    public func entries() throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: self.path) else { return [] }
        let decoder = JSONDecoder()
        return try data.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(Entry.self, from: Data($0)) }
    }
}
