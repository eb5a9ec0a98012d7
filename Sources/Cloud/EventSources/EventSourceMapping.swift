import LambdaRuntime

/// A queue that feeds a function, as Lambda's event source mapping for SQS does: pollers receive the queue's
/// messages and invoke the function with them in batches (an `SQSEvent`); what the function handled is deleted, what
/// it did not comes back after the queue's visibility timeout.
///
/// The settings and their bounds are Lambda's; ``validate()`` checks them all.
public struct EventSourceMapping: Sendable, Hashable {
    /// The most records of a batch on a standard queue.
    public static let maximumBatchSize = 10_000
    /// The most records of a batch on a FIFO queue, and on a standard queue without a batching window.
    public static let maximumUnwindowedBatchSize = 10
    /// The longest batching window.
    public static let maximumBatchingWindow = Duration.seconds(300)
    /// The bounds of ``maximumConcurrency``.
    public static let concurrencyRange = 2...1000
    /// The most bytes of one batch's event: the limit of a synchronous invocation, 6 MB.
    public static let maximumPayloadBytes = LambdaLimits.maxEventBytes

    /// The name of the queue polled; a FIFO queue's ends in `.fifo`.
    public var queue: String
    /// The name of the function invoked.
    public var functionName: String
    /// The most records of one invocation: 1…10,000 on a standard queue (more than 10 only with a batching
    /// window), 1…10 on a FIFO queue; 10 by default.
    public var batchSize: Int
    /// How long a poller that has received fewer than ``batchSize`` records gathers more before it invokes, 0…300 s
    /// in whole seconds; none by default, and none on a FIFO queue.
    public var maximumBatchingWindow: Duration
    /// The most invocations of this mapping at once, 2…1000; `nil` for Lambda's own ceiling of 1000.
    public var maximumConcurrency: Int?
    /// The function answers with `batchItemFailures` naming the records it failed (`ReportBatchItemFailures`); only
    /// those come back.
    public var reportBatchItemFailures: Bool
    /// Whether the queue is polled at all.
    public var enabled: Bool

    /// A mapping from `queue` to the function `functionName`, with Lambda's defaults for what is not given.
    public init(
        queue: String,
        functionName: String,
        batchSize: Int = 10,
        maximumBatchingWindow: Duration = .zero,
        maximumConcurrency: Int? = nil,
        reportBatchItemFailures: Bool = false,
        enabled: Bool = true
    ) {
        self.queue = queue
        self.functionName = functionName
        self.batchSize = batchSize
        self.maximumBatchingWindow = maximumBatchingWindow
        self.maximumConcurrency = maximumConcurrency
        self.reportBatchItemFailures = reportBatchItemFailures
        self.enabled = enabled
    }

    /// Whether the queue is a FIFO queue, as its name says.
    public var isFIFO: Bool { self.queue.hasSuffix(".fifo") }

    /// The most invocations at once: ``maximumConcurrency``, or Lambda's ceiling when it is not set.
    public var concurrencyLimit: Int { self.maximumConcurrency ?? Self.concurrencyRange.upperBound }

    /// Checks every setting against Lambda's bounds.
    /// - Throws: ``EventSourceMappingError`` naming the first setting out of bounds.
    public func validate() throws(EventSourceMappingError) {
        let stem = self.isFIFO ? self.queue.dropLast(5) : Substring(self.queue)
        guard self.queue.utf8.count <= MessageQueueLimits.queueNameLength, !stem.isEmpty,
            stem.utf8.allSatisfy(MessageQueueRequest.isIdentifierByte)
        else {
            throw EventSourceMappingError(
                .invalidQueueName, "A queue name is 1 to 80 letters, digits, hyphens and underscores (and .fifo)")
        }
        guard Function.isValidName(self.functionName) else {
            throw EventSourceMappingError(
                .invalidFunctionName, "A function name is 1 to 64 letters, digits, hyphens and underscores")
        }
        try self.validateBatching()
        if let concurrency = self.maximumConcurrency, !Self.concurrencyRange.contains(concurrency) {
            throw EventSourceMappingError(
                .invalidMaximumConcurrency, "The maximum concurrency \(concurrency) is not between 2 and 1000")
        }
    }

    private func validateBatching() throws(EventSourceMappingError) {
        let window = self.maximumBatchingWindow
        guard (.zero...Self.maximumBatchingWindow).contains(window), window.components.attoseconds == 0 else {
            throw EventSourceMappingError(
                .invalidBatchingWindow, "The batching window \(window) is not a whole number of seconds up to 300")
        }
        guard !self.isFIFO || window == .zero else {
            throw EventSourceMappingError(.invalidBatchingWindow, "A FIFO queue's mapping has no batching window")
        }
        let largest =
            self.isFIFO || window == .zero ? Self.maximumUnwindowedBatchSize : Self.maximumBatchSize
        guard (1...largest).contains(self.batchSize) else {
            let reason =
                largest == Self.maximumBatchSize
                ? "" : self.isFIFO ? " on a FIFO queue" : " without a batching window of at least 1 second"
            throw EventSourceMappingError(
                .invalidBatchSize, "The batch size \(self.batchSize) is not between 1 and \(largest)\(reason)")
        }
    }
}
