/// The checks of a request's parameters that do not belong to one value type: durations, receives, batches and the
/// character rules of names and message text. Every ``MessageQueue`` adapter that does not get them from SQS runs them.
public enum MessageQueueRequest {
    /// Checks that `duration`, the value of `parameter`, lies in `range` and is a whole number of seconds.
    /// - Throws: ``MessageQueueError/Code/invalidParameterValue`` when it does not.
    public static func check(_ parameter: String, _ duration: Duration, in range: ClosedRange<Duration>)
        throws(MessageQueueError)
    {
        guard range.contains(duration), duration.components.attoseconds == 0 else {
            throw .invalidParameter(
                parameter,
                "\(duration) is not a whole number of seconds from \(range.lowerBound) to \(range.upperBound)")
        }
    }

    /// Checks a receive's parameters: 1…10 messages, a wait of 0…20 s, a visibility timeout of 0…12 h.
    /// - Throws: ``MessageQueueError/Code/invalidParameterValue`` naming the parameter out of bounds.
    public static func checkReceive(maxMessages: Int, waitTime: Duration?, visibilityTimeout: Duration?)
        throws(MessageQueueError)
    {
        guard (1...MessageQueueLimits.batchEntries).contains(maxMessages) else {
            throw .invalidParameter("MaxNumberOfMessages", "\(maxMessages) is not between 1 and 10")
        }
        if let waitTime {
            try Self.check("WaitTimeSeconds", waitTime, in: .zero...MessageQueueLimits.waitTime)
        }
        if let visibilityTimeout {
            try Self.check("VisibilityTimeout", visibilityTimeout, in: .zero...MessageQueueLimits.visibilityTimeout)
        }
    }

    /// Checks what makes a whole batch send fail: no entries, more than ten, an id that is malformed or repeated, or
    /// more bytes together than one message may have.
    /// - Throws: ``MessageQueueError`` with SQS's batch error code.
    public static func checkBatch(_ entries: [BatchEntry]) throws(MessageQueueError) {
        try Self.checkBatchIDs(entries.map(\.id))
        let size = entries.reduce(0) { $0 + $1.message.size }
        guard size <= MessageQueueLimits.maximumMessageSize else {
            throw MessageQueueError(
                .batchRequestTooLong, "The batch's messages are \(size) bytes together, more than 1 MiB")
        }
    }

    /// Checks the entry ids of a batch (a send, a delete or a visibility change): 1…10 of them, each 1…80 letters,
    /// digits, `-` and `_`, none repeated.
    /// - Throws: ``MessageQueueError`` with SQS's batch error code.
    public static func checkBatchIDs(_ ids: [String]) throws(MessageQueueError) {
        guard !ids.isEmpty else {
            throw MessageQueueError(.emptyBatchRequest, "The batch request holds no entries")
        }
        guard ids.count <= MessageQueueLimits.batchEntries else {
            throw MessageQueueError(
                .tooManyEntriesInBatchRequest, "The batch request holds \(ids.count) entries, more than 10")
        }
        var seen = Set<String>()
        for id in ids {
            guard (1...MessageQueueLimits.batchEntryIDLength).contains(id.utf8.count),
                id.utf8.allSatisfy(Self.isIdentifierByte)
            else {
                throw MessageQueueError(
                    .invalidBatchEntryId, "A batch entry id is 1 to 80 letters, digits, hyphens and underscores")
            }
            guard seen.insert(id).inserted else {
                throw MessageQueueError(.batchEntryIdsNotDistinct, "The batch holds the entry id \(id) twice")
            }
        }
    }

    /// Checks a message attribute's name: 1…256 letters, digits, `_`, `-` and `.`, no `..`, neither starting nor
    /// ending with `.`, and not starting with `AWS.` or `Amazon.` (any case).
    /// - Throws: ``MessageQueueError/Code/invalidParameterValue`` when it breaks one of the rules.
    public static func checkAttributeName(_ name: String) throws(MessageQueueError) {
        let lowercased = name.lowercased()
        guard (1...MessageQueueLimits.attributeNameLength).contains(name.utf8.count),
            name.utf8.allSatisfy({ Self.isIdentifierByte($0) || $0 == UInt8(ascii: ".") }),
            !name.hasPrefix("."), !name.hasSuffix("."), !Self.hasTwoDotsInARow(name),
            !lowercased.hasPrefix("aws."), !lowercased.hasPrefix("amazon.")
        else {
            throw .invalidParameter("MessageAttributes", "\(name.prefix(64)) is not a valid attribute name")
        }
    }

    /// Whether `name` holds `..`, read on bytes (a string search would link Swift's regex engine into the Lambda binary).
    private static func hasTwoDotsInARow(_ name: String) -> Bool {
        zip(name.utf8, name.utf8.dropFirst()).contains { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") }
    }

    /// Whether `byte` is an ASCII letter or digit, `-` or `_`.
    public static func isIdentifierByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }

    /// Whether every character of `text` is one SQS accepts: tab, line feed, carriage return, and U+0020 and above
    /// except U+FFFE and U+FFFF (Swift strings hold no surrogates).
    public static func isValidMessageText(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x9, 0xA, 0xD, 0x20...0xFFFD, 0x10000...0x10FFFF: true
            default: false
            }
        }
    }
}
