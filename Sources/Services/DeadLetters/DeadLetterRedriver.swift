package import Cloud

/// Sends dead letters back to their source queues: each as a new message with the kept body and trace header, then
/// marks its record `redriven`. A crash between the two sends it again on the next redrive (at least once, like
/// every delivery of the app), so consumers stay idempotent.
package struct DeadLetterRedriver: Sendable {
    private let deadLetters: DeadLetterRepository
    private let queues: any MessageQueue

    /// A redriver of the dead letters in `store` onto `queues`, stamping redrives with `clock`'s time.
    package init(store: any ItemStore, queues: any MessageQueue, clock: any Clock = SystemClock()) {
        self.deadLetters = DeadLetterRepository(store: store, clock: clock)
        self.queues = queues
    }

    /// Sends back the dead letter of `messageID`, or every one still dead (of `sourceQueue` when given); returns
    /// the dead letters sent. A dead letter redriven before is sent again only when asked for by ID.
    /// - Throws: ``DeadLetterError`` (``DeadLetterError/Code/notFound``) for an ID no dead letter has, or the
    ///   store's or the queue's error.
    package func redrive(messageID: String?, sourceQueue: String?) async throws -> [DeadLetter] {
        let chosen: [DeadLetter]
        if let messageID {
            guard let deadLetter = try await self.deadLetters.find(messageID),
                sourceQueue.map({ $0 == deadLetter.sourceQueue }) ?? true
            else { throw DeadLetterError(.notFound, "No dead letter has the ID \(messageID)") }
            chosen = [deadLetter]
        } else {
            chosen = try await self.deadLetters.all(sourceQueue: sourceQueue).filter { $0.status == .dead }
        }
        for deadLetter in chosen {
            _ = try await self.queues.send(
                OutgoingMessage(body: deadLetter.body, traceHeader: deadLetter.traceHeader),
                to: deadLetter.sourceQueue)
            try await self.deadLetters.markRedriven(deadLetter.messageId)
        }
        return chosen
    }
}
