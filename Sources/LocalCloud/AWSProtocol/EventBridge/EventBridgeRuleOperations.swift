import Cloud
import JSONCoding

extension EventBridgeOperations {
    /// `PutRule`: creates or replaces the rule `Name` on `EventBusName` routing what `EventPattern` matches, in
    /// `State` (`ENABLED` unless given), answered with its `RuleArn`. Rules on a schedule belong in the manifest, so a
    /// `ScheduleExpression` is refused. `Tags` are added to the rule's (checked before it is put).
    static func putRule(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("PutRule") { request throws(AWSProtocolError) in
            let input = request.input
            let name = try input.requiredString("Name")
            let busName = try EventBridgeAddress.bus(of: input)
            if try input.string("ScheduleExpression") != nil {
                throw input.invalidValue("ScheduleExpression", "the local cloud runs schedules from the manifest")
            }
            let state = try input.string("State").map { text throws(AWSProtocolError) in
                guard let state = RuleState(rawValue: text) else {
                    throw input.invalidValue(
                        "State",
                        "\(text.prefix(64)) is not ENABLED, DISABLED or ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")
                }
                return state
            }
            let rule = EventRule(
                name: name, eventBusName: busName, eventPattern: try input.string("EventPattern") ?? "",
                state: state ?? .enabled, description: try input.string("Description"))
            let tags = try Self.tags(of: input) ?? [:]
            try await EventBridgeErrors.run { () throws(EventBusError) in
                try EventBusTags.validate(tags)
                if !tags.isEmpty, let existing = try? await bus.tags(of: .rule(name, bus: busName)) {
                    // A rule put again keeps its tags: the new ones must fit beside them before the rule changes.
                    try EventBusTags.checkCount(
                        existing.merging(tags) { _, new in new }.count, of: .rule(name, bus: busName))
                }
                try await bus.putRule(rule)
                if !tags.isEmpty { try await bus.tag(.rule(name, bus: busName), with: tags) }
            }
            return ["RuleArn": .string(EventBridgeAddress.rule(name, bus: busName, region: request.region))]
        }
    }

    /// `DescribeRule`: the rule `Name` of `EventBusName`.
    static func describeRule(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("DescribeRule") { request throws(AWSProtocolError) in
            let name = try request.input.requiredString("Name")
            let busName = try EventBridgeAddress.bus(of: request.input)
            let rule = try await EventBridgeErrors.run { () throws(EventBusError) in
                try await bus.describeRule(name, bus: busName)
            }
            var output = Self.members(of: rule, region: request.region)
            output["CreatedBy"] = .string(LocalAccount.id)
            return .object(output)
        }
    }

    /// `ListRules`: the rules of `EventBusName` whose names start with `NamePrefix`, in name order, `Limit` (1…100)
    /// at a time with a `NextToken` (the last name answered) for the next page.
    static func listRules(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("ListRules") { request throws(AWSProtocolError) in
            let busName = try EventBridgeAddress.bus(of: request.input)
            let prefix = try request.input.string("NamePrefix")
            let limit = try request.input.integer("Limit", in: 1...100)
            let after = try request.input.string("NextToken")
            let rules = try await EventBridgeErrors.run { () throws(EventBusError) in
                try await bus.listRules(bus: busName, prefix: prefix)
            }.filter { rule in after.map { rule.name > $0 } ?? true }
            let page = rules.prefix(limit ?? 100)
            var output: [String: JSONValue] = [
                "Rules": .array(page.map { .object(Self.members(of: $0, region: request.region)) })
            ]
            if page.count < rules.count, let last = page.last { output["NextToken"] = .string(last.name) }
            return .object(output)
        }
    }

    /// `EnableRule` (`state` enabled) or `DisableRule`: the rule `Name` of `EventBusName`, which must exist, put again
    /// in `state` with its pattern, description and targets as they were.
    static func setRuleState(_ bus: any EventBus, to state: RuleState) -> AWSOperation {
        AWSOperation(state == .enabled ? "EnableRule" : "DisableRule") { request throws(AWSProtocolError) in
            let name = try request.input.requiredString("Name")
            let busName = try EventBridgeAddress.bus(of: request.input)
            try await EventBridgeErrors.run { () throws(EventBusError) in
                var rule = try await bus.describeRule(name, bus: busName)
                guard rule.state != state else { return }
                rule.state = state
                try await bus.putRule(rule)
            }
            return [:]
        }
    }

    /// `ListRuleNamesByTarget`: the names of the rules of `EventBusName` with a target delivering to `TargetArn`, in
    /// name order, `Limit` (1…100) at a time with a `NextToken` (the last name answered) for the next page.
    static func listRuleNamesByTarget(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("ListRuleNamesByTarget") { request throws(AWSProtocolError) in
            let input = request.input
            let destination = try EventBridgeAddress.destination(
                of: try input.requiredString("TargetArn"), parameter: "TargetArn")
            let busName = try EventBridgeAddress.bus(of: input)
            let limit = try input.integer("Limit", in: 1...100)
            let after = try input.string("NextToken")
            let names = try await EventBridgeErrors.run { () throws(EventBusError) in
                var names: [String] = []
                for rule in try await bus.listRules(bus: busName, prefix: nil)
                where after.map({ rule.name > $0 }) ?? true {
                    let targets = try await bus.listTargets(rule: rule.name, bus: busName)
                    if targets.contains(where: { $0.destination == destination }) { names.append(rule.name) }
                }
                return names
            }
            let page = names.prefix(limit ?? 100)
            var output: [String: JSONValue] = ["RuleNames": .array(page.map(JSONValue.string))]
            if page.count < names.count, let last = page.last { output["NextToken"] = .string(last) }
            return .object(output)
        }
    }

    /// `DeleteRule`: the rule `Name` of `EventBusName`, which must have no targets left; deleting a rule that does
    /// not exist succeeds, as on EventBridge.
    static func deleteRule(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("DeleteRule") { request throws(AWSProtocolError) in
            let name = try request.input.requiredString("Name")
            let busName = try EventBridgeAddress.bus(of: request.input)
            do throws(EventBusError) {
                try await bus.deleteRule(name, bus: busName)
            } catch  where error.code == .resourceNotFound {
                return [:]
            } catch {
                throw EventBridgeErrors.answer(error)
            }
            return [:]
        }
    }

    /// A rule as `DescribeRule` and `ListRules` answer it.
    private static func members(of rule: EventRule, region: String) -> [String: JSONValue] {
        var output: [String: JSONValue] = [
            "Name": .string(rule.name),
            "Arn": .string(EventBridgeAddress.rule(rule.name, bus: rule.eventBusName, region: region)),
            "EventPattern": .string(rule.eventPattern), "State": .string(rule.state.rawValue),
            "EventBusName": .string(rule.eventBusName),
        ]
        output["Description"] = rule.description.map(JSONValue.string)
        return output
    }
}
