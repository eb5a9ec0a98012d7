/// How a ``QueuePoller`` paces its receives.
public struct QueuePolling: Sendable, Hashable {
    /// How long one receive waits for messages (long polling): 0…20 s in whole seconds; 20 s by default, as Lambda's
    /// pollers wait.
    public let receiveWait: Duration
    /// How long the poller pauses after a receive that did not wait and found nothing, at least a millisecond; 1 s
    /// by default.
    public let idlePause: Duration
    /// The rest after the first batch that failed as a whole; 1 s by default.
    public let initialBackoff: Duration
    /// The longest rest after failed batches; 60 s by default.
    public let maximumBackoff: Duration

    /// Pacing with the defaults for what is not given; a receive wait outside its bounds is brought within them
    /// (rounded down to whole seconds), and so is an idle pause shorter than a millisecond.
    public init(
        receiveWait: Duration = .seconds(20),
        idlePause: Duration = .seconds(1),
        initialBackoff: Duration = .seconds(1),
        maximumBackoff: Duration = .seconds(60)
    ) {
        self.receiveWait = .seconds(min(20, max(0, receiveWait.components.seconds)))
        self.idlePause = max(.milliseconds(1), idlePause)
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
    }
}
