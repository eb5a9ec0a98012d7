/// One message of a batch send, with the id the batch's result names it by.
public struct BatchEntry: Sendable, Hashable {
    /// The entry's id within the batch: 1…80 letters, digits, `-` and `_`, distinct within the batch.
    public var id: String
    /// The message.
    public var message: OutgoingMessage

    /// An entry `id` sending `message`.
    public init(id: String, message: OutgoingMessage) {
        self.id = id
        self.message = message
    }
}
