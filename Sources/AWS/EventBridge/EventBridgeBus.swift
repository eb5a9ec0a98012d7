public import Cloud
import JSONCoding
import Synchronization

/// The ``EventBus`` port on Amazon EventBridge, over its JSON protocol: each port operation is one or a few
/// EventBridge actions, and EventBridge's errors, whose codes the port shares, become the port's.
///
/// Requests are checked against the port's rules (``EventBusRequest``) before they are sent, as the local bus checks
/// them: `PutEvents` refuses a request of more than 1 MB as the port counts it, and an entry or a target the port
/// would refuse fails on its own without being sent. The port names queues and functions by name; the bus gives
/// EventBridge their ARNs in its own account, which it learns once from the ARN of the `default` bus.
///
/// Where EventBridge is laxer than the port, the bus asks before it acts, so that both fail alike: deleting a bus,
/// a rule that does not exist, or targets a rule does not have is ``EventBusError/Code/resourceNotFound`` (or a
/// failed target), not a silent success, and so is replaying an archive that does not exist; deleting a bus deletes
/// its rules and their targets first.
///
/// Two things differ from the local bus by EventBridge's nature: a replay's ``EventReplay/replayedEventCount`` is not
/// reported (it stays 0), and a function target's ``RuleTarget/asyncInvocation`` is Lambda's setting of the
/// function, not sent with the target.
public final class EventBridgeBus: EventBus {
    let client: AWSJSONClient
    private let account = Mutex<String?>(nil)

    /// A bus reached through `client`, a client for ``AWSServiceDescription/eventBridge``.
    public init(client: AWSJSONClient) {
        self.client = client
    }

    // MARK: Buses

    /// `CreateEventBus`.
    public func createEventBus(_ name: String) async throws(EventBusError) {
        try EventBusRequest.checkBusName(name)
        _ = try await self.call("CreateEventBus", ["Name": .string(name)])
    }

    /// `DeleteEventBus` of a bus without rules; the `default` bus and a bus with rules are refused, as EventBridge
    /// refuses them (the rules are listed first, since not every EventBridge-compatible service checks).
    public func deleteEventBus(_ name: String) async throws(EventBusError) {
        try EventBusRequest.checkBusName(name)
        guard name != EventBusNames.default else {
            throw .invalid("Name", "the default event bus cannot be deleted")
        }
        guard try await self.listRules(bus: name, prefix: nil).isEmpty else { throw .busHasRules }
        _ = try await self.call("DeleteEventBus", ["Name": .string(name)])
    }

    /// `ListEventBuses`, every page.
    public func listEventBuses(prefix: String?) async throws(EventBusError) -> [String] {
        var input: [String: JSONValue] = [:]
        input["NamePrefix"] = prefix.map(JSONValue.string)
        return try await self.sortedNames("ListEventBuses", input, items: "EventBuses", name: "Name", of: "a bus")
    }

    // MARK: Events

    /// `PutEvents` of the entries that pass the port's checks; the others fail on their own, in place, unsent.
    public func putEvents(_ entries: [PutEventsEntry]) async throws(EventBusError) -> PutEventsResult {
        try EventBusRequest.checkPutEvents(entries)
        var outcomes = entries.map(EventBusRequest.failure(of:))
        let sent = outcomes.indices.filter { outcomes[$0] == nil }
        guard !sent.isEmpty else { return PutEventsResult(entries: outcomes.compactMap { $0 }) }
        let output = try await self.call("PutEvents", ["Entries": .array(sent.map { Self.json(of: entries[$0]) })])
        let answered = output["Entries"]?.arrayValue ?? []
        guard answered.count == sent.count else {
            throw EventBusError(
                .internalFailure, "EventBridge answered \(answered.count) results for \(sent.count) entries")
        }
        for (index, result) in zip(sent, answered) {
            if let id = result["EventId"]?.stringValue {
                outcomes[index] = .accepted(eventID: id)
            } else {
                outcomes[index] = .failed(
                    errorCode: result["ErrorCode"]?.stringValue ?? "InternalFailure",
                    errorMessage: result["ErrorMessage"]?.stringValue ?? "EventBridge refused the entry")
            }
        }
        return PutEventsResult(entries: outcomes.compactMap { $0 })
    }

    private static func json(of entry: PutEventsEntry) -> JSONValue {
        var fields: [String: JSONValue] = [
            "Source": .string(entry.source), "DetailType": .string(entry.detailType), "Detail": .string(entry.detail),
            "EventBusName": .string(entry.eventBusName),
        ]
        if !entry.resources.isEmpty { fields["Resources"] = .array(entry.resources.map(JSONValue.string)) }
        fields["Time"] = entry.timeMilliseconds.map(AWSJSONNumbers.timestamp)
        fields["TraceHeader"] = entry.traceHeader.map(JSONValue.string)
        return .object(fields)
    }

    // MARK: Rules

    /// `PutRule`.
    public func putRule(_ rule: EventRule) async throws(EventBusError) {
        try EventBusRequest.checkRule(rule)
        var input: [String: JSONValue] = [
            "Name": .string(rule.name), "EventBusName": .string(rule.eventBusName),
            "EventPattern": .string(rule.eventPattern), "State": .string(rule.state.rawValue),
        ]
        input["Description"] = rule.description.map(JSONValue.string)
        _ = try await self.call("PutRule", .object(input))
    }

    /// `DescribeRule`, then `DeleteRule`: EventBridge deletes a rule that does not exist without a word.
    public func deleteRule(_ name: String, bus: String) async throws(EventBusError) {
        _ = try await self.describeRule(name, bus: bus)
        _ = try await self.call("DeleteRule", ["Name": .string(name), "EventBusName": .string(bus)])
    }

    /// `DescribeRule`.
    public func describeRule(_ name: String, bus: String) async throws(EventBusError) -> EventRule {
        try EventBusRequest.checkRuleName(name)
        try EventBusRequest.checkBusName(bus)
        let output = try await self.call("DescribeRule", ["Name": .string(name), "EventBusName": .string(bus)])
        return try Self.rule(of: output, bus: bus)
    }

    /// `ListRules`, page by page, sorted by name.
    public func listRules(bus: String, prefix: String?) async throws(EventBusError) -> [EventRule] {
        try EventBusRequest.checkBusName(bus)
        var input: [String: JSONValue] = ["EventBusName": .string(bus)]
        input["NamePrefix"] = prefix.map(JSONValue.string)
        var rules: [EventRule] = []
        for member in try await self.pages("ListRules", input, items: "Rules") {
            rules.append(try Self.rule(of: member, bus: bus))
        }
        return rules.sorted { $0.name < $1.name }
    }

    private static func rule(of members: JSONValue, bus: String) throws(EventBusError) -> EventRule {
        guard let name = members["Name"]?.stringValue else {
            throw EventBusError(.internalFailure, "EventBridge answered with a rule without a name")
        }
        return EventRule(
            name: name, eventBusName: members["EventBusName"]?.stringValue ?? bus,
            eventPattern: members["EventPattern"]?.stringValue ?? "",
            state: members["State"]?.stringValue.flatMap(RuleState.init(rawValue:)) ?? .enabled,
            description: members["Description"]?.stringValue)
    }

    // MARK: Calls

    /// The ARNs of this bus's account and region, the account learnt from the `default` bus's ARN the first time.
    func arns() async throws(EventBusError) -> EventBridgeARN {
        if let account = self.account.withLock({ $0 }) {
            return EventBridgeARN(account: account, region: self.client.region)
        }
        let output = try await self.call("DescribeEventBus", ["Name": .string(EventBusNames.default)])
        guard let account = output["Arn"]?.stringValue.flatMap(AWSARN.account(of:)) else {
            throw EventBusError(.internalFailure, "EventBridge described the default bus without an ARN")
        }
        self.account.withLock { $0 = account }
        return EventBridgeARN(account: account, region: self.client.region)
    }

    /// The `items` of every page of the list operation `operation`, following its `NextToken`s.
    func pages(_ operation: String, _ input: [String: JSONValue], items: String) async throws(EventBusError)
        -> [JSONValue]
    {
        var all: [JSONValue] = []
        var input = input
        repeat {
            let output = try await self.call(operation, .object(input))
            all += output[items]?.arrayValue ?? []
            input["NextToken"] = output["NextToken"]?.stringValue.map(JSONValue.string)
        } while input["NextToken"] != nil
        return all
    }

    /// The member `name` of every item of ``pages(_:_:items:)``, sorted.
    /// - Throws: ``EventBusError/Code/internalFailure`` when an item has no such name (`kind` names the item).
    func sortedNames(_ operation: String, _ input: [String: JSONValue], items: String, name: String, of kind: String)
        async throws(EventBusError) -> [String]
    {
        var names: [String] = []
        for member in try await self.pages(operation, input, items: items) {
            guard let value = member[name]?.stringValue else {
                throw EventBusError(.internalFailure, "EventBridge answered with \(kind) without a name")
            }
            names.append(value)
        }
        return names.sorted()
    }

    /// Calls `operation`, its failure as the port's error.
    func call(_ operation: String, _ input: JSONValue) async throws(EventBusError) -> JSONValue {
        do throws(AWSServiceError) {
            return try await self.client.call(operation, input)
        } catch {
            throw EventBusError(eventBridge: error)
        }
    }
}
