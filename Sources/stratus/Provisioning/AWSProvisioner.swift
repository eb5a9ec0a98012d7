import AWS
import Cloud
import JSONCoding

/// Applies a ``ProvisioningPlan`` to an AWS-compatible endpoint, idempotently: each resource is looked up and made
/// only when missing, through our own clients and adapters (the store makes the table, the bus its buses, archives,
/// rules and targets, the queues their queues, ``CognitoUserPoolSetup`` the pool and client; secrets are made
/// without a value, which `stratus secrets put --backend aws` sets). An existing queue or
/// rule gets the plan's settings again, so a changed manifest is applied. Each resource is reported as one line,
/// `created <kind> <name>` or `exists <kind> <name>`, and what the endpoint generated is returned for the record.
struct AWSProvisioner {
    let plan: ProvisioningPlan
    let connection: AWSConnection
    /// Receives one line per resource, as it is done.
    let report: (String) -> Void

    /// Makes what is missing and returns the record of everything.
    /// - Throws: ``CommandLineError`` naming the resource that could not be looked up or made, and why.
    func apply() async throws -> AWSResources {
        let table = try await self.provisionTable()
        guard let account = AWSARN.account(of: table.arn) else {
            throw CommandLineError("The endpoint described the table \(table.name) without an account in its ARN")
        }
        let events = try self.connection.client(.eventBridge)
        let bus = EventBridgeBus(client: events)
        let buses = try await self.provisionBuses(bus, client: events)
        let sqs = try self.connection.client(.sqs)
        let queues = try await self.provisionQueues(SQSQueue(client: sqs), client: sqs)
        let rules = try await self.provisionRules(bus, client: events)
        try await self.allowRules(rules, toSendTo: queues, client: sqs)
        let userPool = try await self.provisionUserPool()
        let secrets = try await self.provisionSecrets()
        return AWSResources(
            endpoint: self.connection.endpoint, region: self.connection.region, accountId: account, app: self.plan.app,
            stage: self.plan.stage, table: table, buses: buses, queues: queues, rules: rules, userPool: userPool,
            secrets: secrets)
    }

    // MARK: Table

    private func provisionTable() async throws -> AWSResources.Table {
        let name = self.plan.tableName
        let client = try self.connection.client(.dynamoDB)
        func describe() async throws -> JSONValue? {
            try await self.step("table", name) { () async throws(AWSServiceError) -> JSONValue? in
                do throws(AWSServiceError) {
                    return try await client.call("DescribeTable", ["TableName": .string(name)])["Table"]
                } catch  where error.code == "ResourceNotFoundException" {
                    return nil
                }
            }
        }
        var description = try await describe()
        let created = description == nil
        if created {
            try await self.step("table", name) { () async throws(ItemStoreError) in
                try await DynamoDBItemStore(client: client, tableName: name).createTable(
                    pollInterval: .milliseconds(200), attempts: 300)
            }
            description = try await describe()
        }
        self.reportOutcome(created: created, "table", name)
        guard let arn = description?["TableArn"]?.stringValue else {
            throw CommandLineError("The endpoint described the table \(name) without its ARN")
        }
        return AWSResources.Table(name: name, arn: arn, streamArn: description?["LatestStreamArn"]?.stringValue)
    }

    // MARK: Buses

    private func provisionBuses(
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

    // MARK: Queues

    private func provisionQueues(
        _ queues: SQSQueue, client: AWSJSONClient
    ) async throws -> [String: AWSResources.Queue] {
        var recorded: [String: AWSResources.Queue] = [:]
        for planned in self.plan.queues {
            let name = planned.physicalName
            let created = try await self.step("queue", name) { () async throws(MessageQueueError) -> Bool in
                do throws(MessageQueueError) {
                    _ = try await queues.attributes(of: name)
                } catch  where error.code == .queueDoesNotExist {
                    try await queues.createQueue(name, configuration: planned.configuration)
                    return true
                }
                try await queues.setConfiguration(planned.configuration, of: name)
                return false
            }
            self.reportOutcome(created: created, "queue", name)
            let (url, arn) = try await self.step("queue", name) { () async throws(AWSServiceError) in
                let url = try await client.call("GetQueueUrl", ["QueueName": .string(name)])["QueueUrl"]?.stringValue
                let attributes = try await client.call(
                    "GetQueueAttributes", ["QueueUrl": .string(url ?? ""), "AttributeNames": ["QueueArn"]])
                return (url, attributes["Attributes"]?["QueueArn"]?.stringValue)
            }
            guard let url, let arn else {
                throw CommandLineError("The endpoint answered without the URL or the ARN of the queue \(name)")
            }
            recorded[planned.name] = AWSResources.Queue(name: name, url: url, arn: arn)
        }
        return recorded
    }

    // MARK: Rules

    private func provisionRules(
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
    private func allowRules(
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

    // MARK: User pool

    private func provisionUserPool() async throws -> AWSResources.UserPool {
        let name = self.plan.userPoolName
        let client = try self.connection.client(.cognitoIdentityProvider)
        let setup = CognitoUserPoolSetup(poolName: name, clientName: name)
        let (poolID, poolCreated) = try await self.step("user-pool", name) { () async throws(AWSServiceError) in
            if let found = try await setup.findPool(through: client) { return (found, false) }
            return (try await setup.createPool(through: client), true)
        }
        self.reportOutcome(created: poolCreated, "user-pool", name)
        let (clientID, clientCreated) = try await self.step("user-pool-client", name) {
            () async throws(AWSServiceError) in
            if let found = try await setup.findClient(poolID: poolID, through: client) { return (found, false) }
            return (try await setup.createClient(poolID: poolID, through: client), true)
        }
        self.reportOutcome(created: clientCreated, "user-pool-client", name)
        for group in self.plan.groups {
            let created = try await self.step("group", group) { () async throws(AWSServiceError) -> Bool in
                do throws(AWSServiceError) {
                    _ = try await client.call(
                        "CreateGroup", ["UserPoolId": .string(poolID), "GroupName": .string(group)])
                    return true
                } catch  where error.code == "GroupExistsException" {
                    return false
                }
            }
            self.reportOutcome(created: created, "group", group)
        }
        return AWSResources.UserPool(name: name, id: poolID, clientId: clientID, groups: self.plan.groups)
    }

    // MARK: Secrets

    private func provisionSecrets() async throws -> [String: AWSResources.Secret] {
        guard !self.plan.secrets.isEmpty else { return [:] }
        let client = try self.connection.client(.secretsManager)
        var recorded: [String: AWSResources.Secret] = [:]
        for planned in self.plan.secrets {
            let name = planned.physicalName
            let (arn, created) = try await self.step("secret", name) { () async throws(AWSServiceError) in
                do throws(AWSServiceError) {
                    let described = try await client.call("DescribeSecret", ["SecretId": .string(name)])
                    return (described["ARN"]?.stringValue, false)
                } catch  where error.code == "ResourceNotFoundException" {
                    let made = try await client.call("CreateSecret", ["Name": .string(name)])
                    return (made["ARN"]?.stringValue, true)
                }
            }
            self.reportOutcome(created: created, "secret", name)
            guard let arn else { throw CommandLineError("The endpoint answered without the ARN of the secret \(name)") }
            recorded[planned.name] = AWSResources.Secret(name: name, arn: arn)
        }
        return recorded
    }

    // MARK: Steps

    private func reportOutcome(created: Bool, _ kind: String, _ name: String) {
        self.report("\(created ? "created" : "exists") \(kind) \(name)")
    }

    /// Runs `body`, its failure a ``CommandLineError`` naming the resource, the endpoint and the reason.
    private func step<Result, Failure: Error>(
        _ kind: String, _ name: String, _ body: () async throws(Failure) -> Result
    ) async throws -> Result {
        do {
            return try await body()
        } catch {
            throw CommandLineError("Cannot provision the \(kind) \(name) at \(self.connection.endpoint): \(error)")
        }
    }
}
