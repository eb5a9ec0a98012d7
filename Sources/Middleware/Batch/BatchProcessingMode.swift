/// How a ``BatchProcessor`` walks the records of a batch.
public enum BatchProcessingMode: Sendable, Equatable {
    /// One record after another, in the order SQS delivered them; every record is tried.
    case sequential
    /// Up to `limit` records at once, for standard queues whose records do not depend on each other; every record
    /// is tried and failures are reported in the batch's order.
    case concurrent(limit: Int)
    /// FIFO queues: one record after another, stopping at the first failure; that record and every record after it
    /// are reported, so none overtakes a message of its group that failed.
    case fifo
}
