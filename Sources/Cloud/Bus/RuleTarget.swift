/// Where a rule sends the events it matches, and in what shape.
public struct RuleTarget: Sendable, Hashable, Codable {
    /// The resource a target delivers to.
    public enum Destination: Sendable, Hashable, Codable {
        /// The queue of that name: each event is one message.
        case queue(String)
        /// The function of that name, invoked asynchronously with the event as its payload.
        case function(String)
    }

    /// The target's id, unique within its rule: 1…64 letters, digits, `.`, `-` and `_`.
    public var id: String
    /// Where the events go.
    public var destination: Destination
    /// A constant JSON text sent instead of the event (EventBridge's `Input`); excludes ``inputPath`` and
    /// ``inputTransformer``.
    public var input: String?
    /// A JSON path (`$.detail`, say) selecting the part of the event sent instead of the whole event.
    public var inputPath: String?
    /// Builds what is sent from values of the event; excludes ``inputPath``.
    public var inputTransformer: InputTransformer?
    /// The queue that receives the events this target could not take in the end.
    public var deadLetterQueue: String?
    /// How long and how often the bus retries delivering to the target (EventBridge's `RetryPolicy`).
    public var retryPolicy: TargetRetryPolicy
    /// For function targets: Lambda's own retries of an asynchronous invocation whose function failed.
    public var asyncInvocation: TargetRetryPolicy
    /// The message group every event sent to a FIFO queue goes in (EventBridge's `SqsParameters.MessageGroupId`),
    /// which a FIFO queue target must have; 1…128 characters.
    public var messageGroupID: String?

    /// Whether the target delivers to a FIFO queue (whose name ends in `.fifo`), where each event needs a message
    /// group.
    public var deliversToFIFOQueue: Bool {
        guard case .queue(let name) = self.destination else { return false }
        return name.hasSuffix(".fifo")
    }

    /// A target delivering to `destination`, with EventBridge's and Lambda's default retries unless given.
    public init(
        id: String,
        destination: Destination,
        input: String? = nil,
        inputPath: String? = nil,
        inputTransformer: InputTransformer? = nil,
        deadLetterQueue: String? = nil,
        retryPolicy: TargetRetryPolicy = .eventBridgeDefault,
        asyncInvocation: TargetRetryPolicy = .lambdaAsynchronousDefault,
        messageGroupID: String? = nil
    ) {
        self.id = id
        self.destination = destination
        self.input = input
        self.inputPath = inputPath
        self.inputTransformer = inputTransformer
        self.deadLetterQueue = deadLetterQueue
        self.retryPolicy = retryPolicy
        self.asyncInvocation = asyncInvocation
        self.messageGroupID = messageGroupID
    }
}
