/// The error a ``BatchProcessor`` throws when every record of a non-empty batch failed.
///
/// As in Powertools, a batch in which nothing succeeded fails the invocation: Lambda then returns the whole batch to
/// the queue (as a report naming every record would) and the function's error count and alarms show it.
public struct BatchProcessingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message IDs of the failed records, in the batch's order.
    public let messageIDs: [String]

    /// An error for a batch whose records with these message IDs all failed.
    public init(messageIDs: [String]) {
        self.messageIDs = messageIDs
    }

    /// A sentence naming how many records failed, never their bodies.
    public var description: String {
        "All \(self.messageIDs.count) records of the batch failed"
    }
}
