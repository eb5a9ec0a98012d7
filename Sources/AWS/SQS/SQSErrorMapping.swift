import Cloud

extension MessageQueueError {
    /// SQS's codes that the port names otherwise (the JSON protocol's next to the query protocol's).
    private static let sqsAliases: [String: Code] = [
        "AWS.SimpleQueueService.NonExistentQueue": .queueDoesNotExist,
        "QueueAlreadyExists": .queueNameExists,
        "InvalidAttributeName": .invalidParameterValue,
        "InvalidAttributeValue": .invalidParameterValue,
        "InvalidAddress": .invalidParameterValue,
        "InvalidParameterCombination": .invalidParameterValue,
        "ValidationError": .invalidParameterValue,
        "ResourceNotFoundException": .invalidParameterValue,
        "UnsupportedOperation": .invalidParameterValue,
        "InvalidIdFormat": .receiptHandleIsInvalid,
        "MessageNotInflight": .messageNotInflight,
        "EmptyBatchRequest": .emptyBatchRequest,
        "TooManyEntriesInBatchRequest": .tooManyEntriesInBatchRequest,
        "BatchEntryIdsNotDistinct": .batchEntryIdsNotDistinct,
        "InvalidBatchEntryId": .invalidBatchEntryId,
        "BatchRequestTooLong": .batchRequestTooLong,
    ]

    /// The port's error for SQS's `code` and `message`: the code itself when the port names it, an alias, else
    /// ``Code/invalidParameterValue`` for a request SQS refused (`senderFault`) and ``Code/unavailable`` otherwise.
    init(sqsCode code: String, message: String, senderFault: Bool) {
        let mapped =
            Code(rawValue: code) ?? Self.sqsAliases[code]
            ?? (senderFault ? .invalidParameterValue : .unavailable)
        self.init(mapped, message)
    }

    /// The port's error for a failed SQS call: a refusal as ``init(sqsCode:message:senderFault:)`` maps it; a service
    /// that could not be reached, timed out or failed on its side as ``Code/unavailable``.
    init(_ error: AWSServiceError) {
        switch error.kind {
        case .service:
            self.init(
                sqsCode: error.code, message: error.message, senderFault: (error.status ?? 500) < 500)
        case .unreachable, .timedOut, .invalidResponse, .invalidRequest:
            self.init(.unavailable, error.description)
        }
    }
}
