/// A queue that invokes a function with batches of its messages (Lambda's SQS event source mapping).
public struct QueueTrigger: Sendable, Hashable {
    /// The queue polled.
    public let queue: String
    /// The most messages per invocation: 1–10 on a FIFO queue, 1–10,000 on a standard one.
    public let batchSize: Int
    /// How long to gather messages before invoking with fewer than `batchSize`, 0–300 s; a batch size above 10
    /// needs a window.
    public let maximumBatchingWindow: Duration
    /// The most invocations at once for this queue, 2–1000; the function's own concurrency when `nil`.
    public let maximumConcurrency: Int?
    /// The function answers `batchItemFailures` naming the messages that failed, and only those come back.
    public let reportBatchItemFailures: Bool

    /// Declares a trigger from `queue` with Lambda's settings.
    public init(
        queue: String,
        batchSize: Int = 10,
        maximumBatchingWindow: Duration = .zero,
        maximumConcurrency: Int? = nil,
        reportBatchItemFailures: Bool = true
    ) {
        self.queue = queue
        self.batchSize = batchSize
        self.maximumBatchingWindow = maximumBatchingWindow
        self.maximumConcurrency = maximumConcurrency
        self.reportBatchItemFailures = reportBatchItemFailures
    }

    /// What is wrong with the settings for a queue of this kind, or `nil` when they are within Lambda's bounds.
    func problem(fifo: Bool) -> String? {
        let largestBatch = fifo ? 10 : 10_000
        if !(1...largestBatch).contains(self.batchSize) {
            return "batch size must be 1–\(largestBatch) for queue '\(self.queue)', got \(self.batchSize)"
        }
        if self.maximumBatchingWindow < .zero || self.maximumBatchingWindow > .seconds(300) {
            return "the batching window must be 0–300 s"
        }
        if fifo && self.maximumBatchingWindow > .zero {
            return "a FIFO queue's trigger takes no batching window"
        }
        if self.batchSize > 10 && self.maximumBatchingWindow == .zero {
            return "a batch size above 10 needs a batching window of at least 1 s"
        }
        if let concurrency = self.maximumConcurrency, !(2...1000).contains(concurrency) {
            return "maximum concurrency must be 2–1000, got \(concurrency)"
        }
        return nil
    }
}
