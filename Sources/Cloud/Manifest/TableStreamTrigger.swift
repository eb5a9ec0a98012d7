import EventPatterns

/// The app table's DynamoDB stream invoking a function with batches of its changes (an event source mapping
/// reading the stream from its oldest record, reporting partial batch failures). Only AWS has table streams: the
/// local cloud leaves these triggers out.
public struct TableStreamTrigger: Sendable, Hashable {
    /// The most records Lambda reads from a stream for one invocation.
    public static let maximumBatchSize = 10_000

    /// The most records of one invocation: 1…``maximumBatchSize``.
    public let batchSize: Int
    /// An event pattern (JSON text) over the stream records: only the records it matches invoke the function; all
    /// when `nil`.
    public let filterPattern: String?

    /// Declares a stream trigger.
    public init(batchSize: Int, filterPattern: String? = nil) {
        self.batchSize = batchSize
        self.filterPattern = filterPattern
    }

    /// Why Lambda would refuse the trigger, or `nil` when it is fine.
    func problem() -> String? {
        guard (1...Self.maximumBatchSize).contains(self.batchSize) else {
            return "a table stream's batch size must be 1–\(Self.maximumBatchSize), got \(self.batchSize)"
        }
        if let pattern = self.filterPattern {
            do { _ = try EventPattern(parsing: pattern) } catch {
                return "invalid table stream filter pattern: \(error.reason)"
            }
        }
        return nil
    }
}
