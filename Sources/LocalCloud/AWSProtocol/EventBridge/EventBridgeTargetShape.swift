import Cloud
import JSONCoding

/// A rule's target as EventBridge's `Target` structure spells it: `Id`, the `Arn` of an SQS queue or a Lambda
/// function, `Input`, `InputPath` or `InputTransformer`, `DeadLetterConfig` (a queue's ARN), `RetryPolicy` and
/// `SqsParameters` (the message group of a FIFO queue's events).
enum EventBridgeTargetShape {
    /// The target `members` describe.
    static func target(of members: AWSMembers) throws(AWSProtocolError) -> RuleTarget {
        var target = RuleTarget(
            id: try members.requiredString("Id"),
            destination: try EventBridgeAddress.destination(of: members.requiredString("Arn")),
            input: try members.string("Input"),
            inputPath: try members.string("InputPath"))
        if let transformer = try members.structure("InputTransformer") {
            target.inputTransformer = InputTransformer(
                inputPathsMap: try transformer.stringMap("InputPathsMap") ?? [:],
                inputTemplate: try transformer.requiredString("InputTemplate"))
        }
        if let deadLetter = try members.structure("DeadLetterConfig"), let arn = try deadLetter.string("Arn") {
            guard case .queue(let queue) = try EventBridgeAddress.destination(of: arn) else {
                throw deadLetter.invalidValue("Arn", "a dead-letter queue is an SQS queue")
            }
            target.deadLetterQueue = queue
        }
        if let retry = try members.structure("RetryPolicy") {
            target.retryPolicy = TargetRetryPolicy(
                maximumRetryAttempts: try retry.integer("MaximumRetryAttempts", in: 0...Int.max)
                    ?? target.retryPolicy.maximumRetryAttempts,
                maximumEventAgeSeconds: try retry.integer("MaximumEventAgeInSeconds", in: 0...Int.max)
                    ?? target.retryPolicy.maximumEventAgeSeconds)
        }
        if let sqs = try members.structure("SqsParameters") {
            target.messageGroupID = try sqs.string("MessageGroupId")
        }
        return target
    }

    /// `target` as `ListTargetsByRule` answers it, its ARNs in `region`.
    static func json(of target: RuleTarget, region: String) -> JSONValue {
        var output: [String: JSONValue] = [
            "Id": .string(target.id),
            "Arn": .string(EventBridgeAddress.arn(of: target.destination, region: region)),
            "RetryPolicy": [
                "MaximumRetryAttempts": .integer(Int64(target.retryPolicy.maximumRetryAttempts)),
                "MaximumEventAgeInSeconds": .integer(Int64(target.retryPolicy.maximumEventAgeSeconds)),
            ],
        ]
        output["Input"] = target.input.map(JSONValue.string)
        output["InputPath"] = target.inputPath.map(JSONValue.string)
        output["InputTransformer"] = target.inputTransformer.map { transformer in
            [
                "InputPathsMap": .object(transformer.inputPathsMap.mapValues(JSONValue.string)),
                "InputTemplate": .string(transformer.inputTemplate),
            ]
        }
        output["DeadLetterConfig"] = target.deadLetterQueue.map { queue in
            ["Arn": .string(EventBridgeAddress.arn(of: .queue(queue), region: region))]
        }
        output["SqsParameters"] = target.messageGroupID.map { ["MessageGroupId": .string($0)] }
        return .object(output)
    }

    /// The `FailedEntryCount` and `FailedEntries` of `PutTargets` and `RemoveTargets`.
    static func json(of failures: [TargetFailure]) -> JSONValue {
        [
            "FailedEntryCount": .integer(Int64(failures.count)),
            "FailedEntries": .array(
                failures.map { failure in
                    [
                        "TargetId": .string(failure.targetID), "ErrorCode": .string(failure.errorCode),
                        "ErrorMessage": .string(failure.errorMessage),
                    ]
                }),
        ]
    }
}
