public import Cloud
public import Foundation
import Synchronization

/// The local cloud's outbox to people: every email or text message the system would send is appended to one file as
/// a JSON line (`time`, `channel`, `to`, `subject`, `message`), readable by its owner only. Password-reset codes
/// reach a developer here.
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

        /// Creates an entry; `time` is ISO 8601 in UTC.
        public init(time: String, channel: String, to: String, subject: String, message: String) {
            self.time = time
            self.channel = channel
            self.to = to
            self.subject = subject
            self.message = message
        }
    }

    /// The file the messages are appended to.
    public let path: String
    private let lock = Mutex<Void>(())
    /// The time messages are sent at.
    private let clock: any Clock

    /// A log at `path`, its messages sent at `clock`'s time; the file is created on the first message.
    public init(path: String, clock: any Clock = SystemClock()) {
        self.path = path
        self.clock = clock
    }

    /// Appends an email to `address`.
    public func sendEmail(to address: String, subject: String, message: String) throws {
        let entry = Entry(
            time: self.clock.nowISO8601,
            channel: "email", to: address, subject: subject, message: message
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = try encoder.encode(entry)
        line.append(UInt8(ascii: "\n"))
        try self.lock.withLock { _ in
            let manager = FileManager.default
            if !manager.fileExists(atPath: self.path) {
                guard manager.createFile(atPath: self.path, contents: nil, attributes: [.posixPermissions: 0o600])
                else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: self.path])
                }
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: self.path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: line)
        }
    }

    /// Every message in the log, oldest first.
    public func entries() throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: self.path) else { return [] }
        let decoder = JSONDecoder()
        return try data.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(Entry.self, from: Data($0)) }
    }
}
