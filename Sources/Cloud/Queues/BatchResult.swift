/// What became of each entry of a batch send: every entry is in exactly one of the two lists.
public struct BatchResult: Sendable, Hashable {
    /// One entry that failed, with SQS's error code.
    public struct Failure: Sendable, Hashable {
        /// The entry's id.
        public var id: String
        /// Why it failed.
        public var error: MessageQueueError
        /// Whether the entry itself was wrong (`SenderFault`), rather than the service.
        public var senderFault: Bool

        /// The failure of entry `id`.
        public init(id: String, error: MessageQueueError, senderFault: Bool) {
            self.id = id
            self.error = error
            self.senderFault = senderFault
        }
    }

    /// The entries sent, by entry id.
    public var successful: [String: SentMessage]
    /// The entries not sent.
    public var failed: [Failure]

    /// A result with `successful` and `failed` entries.
    public init(successful: [String: SentMessage] = [:], failed: [Failure] = []) {
        self.successful = successful
        self.failed = failed
    }
}
