import Cloud

/// The ARNs EventBridge names things by, in one account and region: its own buses, rules, archives and replays, and
/// the SQS queues and Lambda functions a rule's targets deliver to, which the port names by name only.
struct EventBridgeARN: Sendable, Hashable {
    /// The account the resources belong to.
    let account: String
    /// Their region.
    let region: String

    /// `aws`, or the partition of a China or GovCloud region.
    private var partition: String {
        if self.region.hasPrefix("cn-") { return "aws-cn" }
        if self.region.hasPrefix("us-gov-") { return "aws-us-gov" }
        return "aws"
    }

    /// The ARN of EventBridge's resource `kind` (`event-bus`, `archive`, `replay`) named `name`.
    func events(_ kind: String, _ name: String) -> String {
        "arn:\(self.partition):events:\(self.region):\(self.account):\(kind)/\(name)"
    }

    /// The ARN of the rule `name` of `bus`: a rule of the default bus has no bus in its ARN.
    func rule(_ name: String, bus: String) -> String {
        self.events("rule", bus == EventBusNames.default ? name : "\(bus)/\(name)")
    }

    /// The ARN of the queue or function a target delivers to.
    func destination(_ destination: RuleTarget.Destination) -> String {
        switch destination {
        case .queue(let name): "arn:\(self.partition):sqs:\(self.region):\(self.account):\(name)"
        case .function(let name): "arn:\(self.partition):lambda:\(self.region):\(self.account):function:\(name)"
        }
    }

    /// The name of an EventBridge resource from its ARN (`…:archive/NAME` gives `NAME`); a name is its own name.
    static func name(of value: String) -> String {
        guard value.hasPrefix("arn:") else { return value }
        let resource = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).last ?? ""
        return String(resource.split(separator: "/", maxSplits: 1).last ?? resource)
    }

    /// The name of a rule from its ARN (`…:rule/BUS/NAME` or `…:rule/NAME` gives `NAME`).
    static func ruleName(of arn: String) -> String {
        String(arn.split(separator: "/").last ?? "")
    }

    /// The queue or function an SQS or Lambda ARN names (a function's version or alias is dropped).
    static func destination(of arn: String) -> RuleTarget.Destination? {
        let fields = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count >= 6, fields[0] == "arn" else { return nil }
        switch fields[2] {
        case "sqs" where fields.count == 6 && !fields[5].isEmpty: return .queue(String(fields[5]))
        case "lambda" where fields.count >= 7 && fields[5] == "function" && !fields[6].isEmpty:
            return .function(String(fields[6]))
        default: return nil
        }
    }
}
