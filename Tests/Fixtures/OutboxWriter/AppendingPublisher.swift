import LocalCloud

#if canImport(Glibc)
import Glibc
#endif

/// Publishes outbox events by appending a line `<event id> TAB <envelope>` for each to a file, with one `write` a
/// batch, so a process killed while publishing leaves whole lines, and what was accepted is in the file.
struct AppendingPublisher: OutboxPublisher {
    /// Why the log cannot be opened or written.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let descriptor: Int32

    init(path: String) throws {
        self.descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard self.descriptor >= 0 else { throw Failure(description: "cannot open \(path): errno \(errno)") }
    }

    func publish(_ events: [OutboxRecord]) async throws -> [OutboxPublishOutcome] {
        var lines = events.map { "\($0.eventId)\t\($0.envelope)\n" }.joined()
        let written = lines.withUTF8 { bytes in write(self.descriptor, bytes.baseAddress, bytes.count) }
        guard written == lines.utf8.count else { throw Failure(description: "the log took \(written) bytes") }
        return events.map { _ in .accepted }
    }
}
