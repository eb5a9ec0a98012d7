import Cloud
import HTTPTypes

/// SQS's errors on its JSON protocol: each shape's `__type` in the `com.amazonaws.sqs` namespace, and the code its
/// older Query protocol gave it, which SQS still sends in `x-amzn-query-error` and the SDKs report as the error's code.
enum SQSErrors {
    /// A shape `com.amazonaws.sqs#<name>` with the Query code `queryCode` (the name itself when `nil`).
    static func shape(_ name: String, queryCode: String? = nil, status: HTTPResponse.Status = .badRequest)
        -> AWSErrorShape
    {
        AWSErrorShape(type: "com.amazonaws.sqs#\(name)", status: status, queryCode: queryCode ?? name)
    }

    static let queueDoesNotExist = shape("QueueDoesNotExist", queryCode: "AWS.SimpleQueueService.NonExistentQueue")
    static let invalidParameterValue = shape("InvalidParameterValue")
    static let missingParameter = shape("MissingParameter")
    static let invalidAttributeName = shape("InvalidAttributeName")
    static let invalidAttributeValue = shape("InvalidAttributeValue")
    static let invalidAddress = shape("InvalidAddress")
    static let resourceNotFound = shape("ResourceNotFoundException")

    /// How SQS names faulty input: `MissingParameter` and `InvalidParameterValue`.
    static let inputFaults = AWSInputFaults(missing: missingParameter, invalid: invalidParameterValue)

    /// The shape SQS answers `code` of the queue port with.
    static func shape(of code: MessageQueueError.Code) -> AWSErrorShape {
        switch code {
        case .queueDoesNotExist: Self.queueDoesNotExist
        case .queueNameExists: Self.shape("QueueNameExists", queryCode: "QueueAlreadyExists")
        // SQS refuses a message over the queue's limit as an invalid parameter.
        case .invalidParameterValue, .messageTooLong: Self.invalidParameterValue
        case .missingParameter: Self.missingParameter
        case .invalidMessageContents: Self.shape("InvalidMessageContents")
        case .receiptHandleIsInvalid: Self.shape("ReceiptHandleIsInvalid")
        case .messageNotInflight:
            Self.shape("MessageNotInflight", queryCode: "AWS.SimpleQueueService.MessageNotInflight")
        case .emptyBatchRequest:
            Self.shape("EmptyBatchRequest", queryCode: "AWS.SimpleQueueService.EmptyBatchRequest")
        case .tooManyEntriesInBatchRequest:
            Self.shape(
                "TooManyEntriesInBatchRequest", queryCode: "AWS.SimpleQueueService.TooManyEntriesInBatchRequest")
        case .batchEntryIdsNotDistinct:
            Self.shape("BatchEntryIdsNotDistinct", queryCode: "AWS.SimpleQueueService.BatchEntryIdsNotDistinct")
        case .invalidBatchEntryId:
            Self.shape("InvalidBatchEntryId", queryCode: "AWS.SimpleQueueService.InvalidBatchEntryId")
        case .batchRequestTooLong:
            Self.shape("BatchRequestTooLong", queryCode: "AWS.SimpleQueueService.BatchRequestTooLong")
        case .overLimit: Self.shape("OverLimit")
        case .unavailable: Self.shape("ServiceUnavailable", status: .serviceUnavailable)
        }
    }

    /// `error` of the queue port as SQS answers it.
    static func answer(_ error: MessageQueueError) -> AWSProtocolError {
        Self.shape(of: error.code)(error.message)
    }

    /// Runs `operation` on the queue port, answering what it throws as SQS does; `settingAttributes` answers an
    /// invalid setting as `InvalidAttributeValue`, as `CreateQueue` and `SetQueueAttributes` do.
    static func run<T>(settingAttributes: Bool = false, _ operation: () async throws(MessageQueueError) -> T)
        async throws(AWSProtocolError) -> T
    {
        do {
            return try await operation()
        } catch {
            throw settingAttributes ? Self.settingAttributes(error) : Self.answer(error)
        }
    }

    /// `error` of a request that sets a queue's attributes: an invalid value is an `InvalidAttributeValue`.
    static func settingAttributes(_ error: MessageQueueError) -> AWSProtocolError {
        error.code == .invalidParameterValue ? Self.invalidAttributeValue(error.message) : Self.answer(error)
    }
}
