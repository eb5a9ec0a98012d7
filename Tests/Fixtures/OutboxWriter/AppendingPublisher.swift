import Cloud
import LocalCloud

/// Publishes outbox events by appending a line `<event id> TAB <envelope>` for each to a file, with one `write` a
/// batch, so a process killed while publishing leaves whole lines, and what was accepted is in the file.
struct AppendingPublisher: OutboxPublisher {
    let log: AppendOnlyFile

    func publish(_ events: [OutboxRecord]) async throws -> [OutboxPublishOutcome] {
        try self.log.append(events.map { "\($0.eventId)\t\($0.envelope)\n" }.joined())
        return events.map { _ in .accepted }
    }
}
