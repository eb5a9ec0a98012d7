import Cloud

/// How EventBridge names its resources and its targets by ARN, in the local account (``LocalAccount``): buses
/// (`…:event-bus/NAME`), archives (`…:archive/NAME`), replays (`…:replay/NAME`) and rules (`…:rule/[BUS/]NAME`); and
/// the queues (`arn:aws:sqs:…:NAME`) and functions (`arn:aws:lambda:…:function:NAME`) rules deliver to.
enum EventBridgeAddress {
    /// The longest ARN or name-or-ARN read.
    static let maximumLength = 1600

    /// The ARN of the resource `kind` (`event-bus`, `archive`, `replay`) named `name` in `region`.
    static func arn(_ kind: String, _ name: String, region: String) -> String {
        "arn:aws:events:\(region):\(LocalAccount.id):\(kind)/\(name)"
    }

    /// The name of the resource `kind` that `value` names, by name or by ARN; `parameter` names it in errors.
    static func name(_ kind: String, of value: String, parameter: String) throws(AWSProtocolError) -> String {
        guard value.hasPrefix("arn:") else { return value }
        let parts = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let resource = parts.last ?? ""
        guard value.utf8.count <= Self.maximumLength, parts.count == 6, parts[2] == "events",
            resource.hasPrefix("\(kind)/"), resource.count > kind.count + 1
        else {
            throw EventBridgeErrors.answer(.invalid(parameter, "\(value.prefix(128)) is not the ARN of a \(kind)"))
        }
        return String(resource.dropFirst(kind.count + 1))
    }

    /// The bus `EventBusName` of `input` names, `default` when it is missing.
    static func bus(of input: AWSMembers) throws(AWSProtocolError) -> String {
        guard let name = try input.string("EventBusName") else { return EventBusNames.default }
        return try Self.name("event-bus", of: name, parameter: "EventBusName")
    }

    /// The rule whose targets a request is about: its `Rule` on the bus `EventBusName`.
    static func targetsRule(of input: AWSMembers) throws(AWSProtocolError) -> (rule: String, bus: String) {
        (try input.requiredString("Rule"), try Self.bus(of: input))
    }

    /// The queue or function a target's ARN names; `parameter` names the ARN in errors.
    static func destination(of arn: String, parameter: String = "Arn") throws(AWSProtocolError)
        -> RuleTarget.Destination
    {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        if arn.utf8.count <= Self.maximumLength, parts.count == 6, parts[0] == "arn", parts[2] == "sqs",
            !parts[5].isEmpty
        {
            return .queue(String(parts[5]))
        }
        if arn.utf8.count <= Self.maximumLength, parts.count == 7, parts[0] == "arn", parts[2] == "lambda",
            parts[5] == "function", !parts[6].isEmpty
        {
            return .function(String(parts[6]))
        }
        throw EventBridgeErrors.answer(
            .invalid(parameter, "\(arn.prefix(128)) is not the ARN of an SQS queue or a Lambda function"))
    }

    /// The ARN of a target's destination in `region`.
    static func arn(of destination: RuleTarget.Destination, region: String) -> String {
        switch destination {
        case .queue(let name): SQSQueueAddress.arn(of: name, region: region)
        case .function(let name): BusARN(region: region).function(name)
        }
    }

    /// The ARN of the rule `name` of `bus` in `region`.
    static func rule(_ name: String, bus: String, region: String) -> String {
        BusARN(region: region).rule(name, bus: bus)
    }
}
