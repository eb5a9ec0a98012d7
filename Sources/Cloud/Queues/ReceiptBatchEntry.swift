/// One message of a batch delete, named by the receipt handle a receive gave out, with the id the batch's failures
/// name it by.
public struct ReceiptBatchEntry: Sendable, Hashable {
    /// The entry's id within the batch: 1…80 letters, digits, `-` and `_`, distinct within the batch.
    public var id: String
    /// The receipt handle of the message to delete.
    public var receiptHandle: String

    /// An entry `id` deleting the message received with `receiptHandle`.
    public init(id: String, receiptHandle: String) {
        self.id = id
        self.receiptHandle = receiptHandle
    }
}
