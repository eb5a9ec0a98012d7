import Cloud

/// What a poller does with each message of a batch once the consumer answered: delete what was handled, leave what
/// failed hidden (it comes back after the visibility timeout, its receive count raised, so a redrive policy can move
/// it to a dead-letter queue), and on a FIFO queue make the records after a group's first failure visible again at
/// once, unprocessed, so that the group keeps its order.
struct BatchSettlement: Sendable, Equatable {
    /// Handled: deleted.
    var delete: [ReceivedMessage] = []
    /// Failed: left to come back after the visibility timeout.
    var keep: [ReceivedMessage] = []
    /// Behind a failure of their FIFO group: made visible again at once.
    var release: [ReceivedMessage] = []

    /// The settlement of `messages` (in the order received) under `verdict`; `fifo` for a FIFO queue.
    init(verdict: BatchVerdict, messages: [ReceivedMessage], fifo: Bool) {
        switch verdict {
        case .handled:
            self.delete = messages
        case .failed:
            self.keep = messages
        case .partlyFailed(let failed):
            var stoppedGroups = Set<String>()
            for message in messages {
                let group = message.messageGroupID ?? ""
                if fifo && stoppedGroups.contains(group) {
                    self.release.append(message)
                } else if failed.contains(message.messageID) {
                    self.keep.append(message)
                    stoppedGroups.insert(group)
                } else {
                    self.delete.append(message)
                }
            }
        }
    }
}
