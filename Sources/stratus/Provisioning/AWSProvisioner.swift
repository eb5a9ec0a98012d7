import AWS
import Cloud
import JSONCoding

/// Applies a ``ProvisioningPlan`` to an AWS-compatible endpoint, idempotently: each resource is looked up and made
/// only when missing, through our own clients and adapters (the store makes the table, the bus its buses, archives,
/// rules and targets, the queues their queues, ``CognitoUserPoolSetup`` the pool and client; secrets are made
/// without a value, which `stratus secrets put --backend aws` sets). An existing queue or rule gets the plan's
/// settings again, so a changed manifest is applied (a target the manifest no longer names is left in place). Each
/// resource is reported as one line, `created <kind> <name>` or `exists <kind> <name>`, and what the endpoint
/// generated is returned for the record. An existing table without its stream or TTL gets them, reported as
/// `updated table <name>: …`.
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

    /// Finds or makes the table (with its index, stream and time to live) and returns its ARN and stream ARN.
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
        let store = DynamoDBItemStore(client: client, tableName: name)
        let created = try await describe() == nil
        if created {
            try await self.step("table", name) { () async throws(ItemStoreError) in
                try await store.createTable(pollInterval: .milliseconds(200), attempts: 300)
            }
        }
        self.reportOutcome(created: created, "table", name)
        if !created {
            let turnedOn = try await self.step("table", name) { () async throws(ItemStoreError) in
                try await store.completeTable(pollInterval: .milliseconds(200), attempts: 300)
            }
            if !turnedOn.isEmpty {
                self.report("updated table \(name): turned on its \(turnedOn.joined(separator: " and "))")
            }
        }
        let description = try await describe()
        guard let arn = description?["TableArn"]?.stringValue else {
            throw CommandLineError("The endpoint described the table \(name) without its ARN")
        }
        return AWSResources.Table(name: name, arn: arn, streamArn: description?["LatestStreamArn"]?.stringValue)
    }

    // MARK: Steps

    /// Reports one resource: `created <kind> <name>` or `exists <kind> <name>`.
    func reportOutcome(created: Bool, _ kind: String, _ name: String) {
        self.report("\(created ? "created" : "exists") \(kind) \(name)")
    }

    /// Runs `body`, its failure a ``CommandLineError`` naming the resource, the endpoint and the reason (or only
    /// the endpoint, when it cannot be reached at all).
    func step<Result, Failure: Error>(
        _ kind: String, _ name: String, _ body: () async throws(Failure) -> Result
    ) async throws -> Result {
        do {
            return try await body()
        } catch let error as AWSServiceError where error.kind == .unreachable {
            throw CommandLineError("Cannot reach the endpoint \(self.connection.endpoint): \(error.message)")
        } catch {
            throw CommandLineError("Cannot provision the \(kind) \(name) at \(self.connection.endpoint): \(error)")
        }
    }
}
