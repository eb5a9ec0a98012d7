import Cloud
import JSONCoding

/// A rule's target as EventBridge's `Target` structure spells it: `Id`, the `Arn` of the queue or function,
/// `Input`, `InputPath` or `InputTransformer`, `DeadLetterConfig` (a queue's ARN), `RetryPolicy` and a FIFO queue's
/// `SqsParameters`.
///
/// A function target's ``RuleTarget/asyncInvocation`` is Lambda's setting of the function, not part of the target:
/// it is not sent, and a listed target has Lambda's default.
enum EventBridgeTargetCoding {
    /// `target` as `PutTargets` takes it, its ARNs in `arns`' account and region.
    static func json(of target: RuleTarget, arns: EventBridgeARN) -> JSONValue {
        var output: [String: JSONValue] = [
            "Id": .string(target.id),
            "Arn": .string(arns.destination(target.destination)),
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
            ["Arn": .string(arns.destination(.queue(queue)))]
        }
        output["SqsParameters"] = target.messageGroupID.map { ["MessageGroupId": .string($0)] }
        return .object(output)
    }

    /// The target `ListTargetsByRule` described in `members`.
    /// - Throws: ``EventBusError/Code/internalFailure`` for a target without an id, or delivering to something the
    ///   port has no name for (neither an SQS queue nor a Lambda function).
    static func target(of members: JSONValue) throws(EventBusError) -> RuleTarget {
        guard let id = members["Id"]?.stringValue, let arn = members["Arn"]?.stringValue,
            let destination = EventBridgeARN.destination(of: arn)
        else {
            throw EventBusError(
                .internalFailure, "EventBridge listed a target that is not an SQS queue or a Lambda function")
        }
        var target = RuleTarget(
            id: id, destination: destination, input: members["Input"]?.stringValue,
            inputPath: members["InputPath"]?.stringValue)
        if let transformer = members["InputTransformer"], let template = transformer["InputTemplate"]?.stringValue {
            target.inputTransformer = InputTransformer(
                inputPathsMap: (transformer["InputPathsMap"]?.objectValue ?? [:]).compactMapValues(\.stringValue),
                inputTemplate: template)
        }
        if let deadLetter = members["DeadLetterConfig"]?["Arn"]?.stringValue,
            case .queue(let queue) = EventBridgeARN.destination(of: deadLetter)
        {
            target.deadLetterQueue = queue
        }
        if let retry = members["RetryPolicy"] {
            target.retryPolicy = TargetRetryPolicy(
                maximumRetryAttempts: AWSJSONNumbers.int(retry["MaximumRetryAttempts"])
                    ?? target.retryPolicy.maximumRetryAttempts,
                maximumEventAgeSeconds: AWSJSONNumbers.int(retry["MaximumEventAgeInSeconds"])
                    ?? target.retryPolicy.maximumEventAgeSeconds)
        }
        target.messageGroupID = members["SqsParameters"]?["MessageGroupId"]?.stringValue
        return target
    }

    /// The targets `PutTargets` or `RemoveTargets` answered were refused, from their `FailedEntries`.
    static func failures(in output: JSONValue) -> [TargetFailure] {
        (output["FailedEntries"]?.arrayValue ?? []).compactMap { entry in
            entry["TargetId"]?.stringValue.map { id in
                TargetFailure(
                    targetID: id, errorCode: entry["ErrorCode"]?.stringValue ?? "InternalException",
                    errorMessage: entry["ErrorMessage"]?.stringValue ?? "EventBridge refused the target")
            }
        }
    }
}
