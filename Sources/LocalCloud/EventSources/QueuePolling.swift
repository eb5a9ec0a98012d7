/// How a ``QueuePoller`` paces its receives.
public struct QueuePolling: Sendable, Hashable {
    /// How long one receive waits for messages (long polling): 0…20 s in whole seconds; 20 s by default, as Lambda's
    /// pollers wait.
    public var receiveWait: Duration
    /// How long the poller pauses after a receive that did not wait and found nothing; 1 s by default.
    public var idlePause: Duration
    /// The rest after the first batch that failed as a whole; 1 s by default.
    public var initialBackoff: Duration
    /// The longest rest after failed batches; 60 s by default.
    public var maximumBackoff: Duration

    /// Pacing with the defaults for what is not given.
    public init(
        receiveWait: Duration = .seconds(20),
        idlePause: Duration = .seconds(1),
        initialBackoff: Duration = .seconds(1),
        maximumBackoff: Duration = .seconds(60)
    ) {
        self.receiveWait = receiveWait
        self.idlePause = idlePause
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
    }
}
