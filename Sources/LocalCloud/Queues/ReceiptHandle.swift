import Cloud
import Hashing
import Identifiers

/// The handle one receive hands out for one message: the message's row and a random 128-bit token recorded for that
/// receive, so a handle cannot be guessed and names the receive it came from.
struct ReceiptHandle: Sendable, Hashable {
    /// The message's row in `messages`.
    let seq: Int64
    /// The token recorded in `receipts` for the receive.
    let token: String

    /// A new handle for a receive of the message in row `seq`.
    init(seq: Int64) {
        let random = RandomBits.next128()
        self.seq = seq
        self.token = withUnsafeBytes(of: (random.high.bigEndian, random.low.bigEndian)) { Hashing.SHA256.hex($0) }
    }

    /// The handle written as `text`.
    /// - Throws: ``MessageQueueError/Code/receiptHandleIsInvalid`` when `text` is not one.
    init(parsing text: String) throws(MessageQueueError) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let seq = Int64(parts[0]), seq > 0, parts[1].utf8.count == 32,
            parts[1].utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else {
            throw MessageQueueError(.receiptHandleIsInvalid, "The receipt handle is not one this queue issued")
        }
        self.seq = seq
        self.token = String(parts[1])
    }

    /// The handle as the receiver gets it.
    var text: String { "\(self.seq).\(self.token)" }
}
