import AWS
import Cloud
import JSONCoding

extension AWSProvisioner {
    /// Makes each missing bus and archive; returns each bus's ARN by its name in the manifest.
    func provisionBuses(
        _ bus: EventBridgeBus, client: AWSJSONClient
    ) async throws -> [String: AWSResources.Bus] {
        var recorded: [String: AWSResources.Bus] = [:]
        for planned in self.plan.buses {
            let name = planned.physicalName
            let created = try await self.step("bus", name) { () async throws(EventBusError) -> Bool in
                do throws(EventBusError) {
                    try await bus.createEventBus(name)
                    return true
                } catch  where error.code == .resourceAlreadyExists {
                    return false
                }
            }
            self.reportOutcome(created: created, "bus", name)
            if let archive = planned.archive {
                let created = try await self.step("archive", archive.name) { () async throws(EventBusError) -> Bool in
                    do throws(EventBusError) {
                        try await bus.createArchive(archive)
                        return true
                    } catch  where error.code == .resourceAlreadyExists {
                        return false
                    }
                }
                self.reportOutcome(created: created, "archive", archive.name)
            }
            let arn = try await self.step("bus", name) { () async throws(AWSServiceError) in
                try await client.call("DescribeEventBus", ["Name": .string(name)])["Arn"]?.stringValue
            }
            guard let arn else { throw CommandLineError("The endpoint described the bus \(name) without its ARN") }
            recorded[planned.name] = AWSResources.Bus(name: name, arn: arn, archive: planned.archive?.name)
        }
        return recorded
    }

    /// Puts each rule and its queue targets (EventBridge replaces both when they exist); returns each rule's ARN
    /// by its name in the manifest.
    func provisionRules(
        _ bus: EventBridgeBus, client: AWSJSONClient
    ) async throws -> [String: AWSResources.Rule] {
        var recorded: [String: AWSResources.Rule] = [:]
        for planned in self.plan.rules {
            let name = planned.physicalName
            let created = try await self.step("rule", name) { () async throws(EventBusError) -> Bool in
                let existed: Bool
                do throws(EventBusError) {
                    _ = try await bus.describeRule(name, bus: planned.bus)
                    existed = true
                } catch  where error.code == .resourceNotFound {
                    existed = false
                }
                try await bus.putRule(EventRule(name: name, eventBusName: planned.bus, eventPattern: planned.pattern))
                if !planned.targets.isEmpty {
                    let failures = try await bus.putTargets(planned.targets, rule: name, bus: planned.bus)
                    if let failure = failures.first {
                        throw EventBusError(
                            .validation, "the target \(failure.targetID) was refused: \(failure.errorMessage)")
                    }
                }
                return !existed
            }
            self.reportOutcome(created: created, "rule", name)
            let arn = try await self.step("rule", name) { () async throws(AWSServiceError) in
                try await client.call("DescribeRule", ["Name": .string(name), "EventBusName": .string(planned.bus)])[
                    "Arn"]?.stringValue
            }
            guard let arn else { throw CommandLineError("The endpoint described the rule \(name) without its ARN") }
            recorded[planned.name] = AWSResources.Rule(name: name, bus: planned.bus, arn: arn)
        }
        return recorded
    }

    /// Gives each queue a rule delivers to the resource policy EventBridge needs to send to it: `sqs:SendMessage`
    /// for `events.amazonaws.com`, from those rules only.
    func allowRules(
        _ rules: [String: AWSResources.Rule], toSendTo queues: [String: AWSResources.Queue], client: AWSJSONClient
    ) async throws {
        for queue in queues.values.sorted(by: { $0.name < $1.name }) {
            let ruleARNs = self.plan.rules
                .filter { rule in rule.targets.contains { $0.destination == .queue(queue.name) } }
                .compactMap { rules[$0.name]?.arn }
            guard !ruleARNs.isEmpty else { continue }
            let policy = Self.eventBridgeSendPolicy(queueARN: queue.arn, ruleARNs: ruleARNs)
            try await self.step("queue", queue.name) { () async throws(AWSServiceError) in
                _ = try await client.call(
                    "SetQueueAttributes", ["QueueUrl": .string(queue.url), "Attributes": ["Policy": .string(policy)]])
            }
        }
    }

    /// The queue policy letting EventBridge deliver the events of `ruleARNs` to the queue `queueARN`.
    static func eventBridgeSendPolicy(queueARN: String, ruleARNs: [String]) -> String {
        let policy: JSONValue = [
            "Version": "2012-10-17",
            "Statement": [
                [
                    "Sid": "AllowEventBridgeRules", "Effect": "Allow",
                    "Principal": ["Service": "events.amazonaws.com"], "Action": "sqs:SendMessage",
                    "Resource": .string(queueARN),
                    "Condition": ["ArnEquals": ["aws:SourceArn": .array(ruleARNs.map(JSONValue.string))]],
                ]
            ],
        ]
        return String(decoding: (try? StreamingJSONEncoder().encode(policy)) ?? [], as: UTF8.self)
    }
}
