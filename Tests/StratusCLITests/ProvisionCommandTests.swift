import AWS
import Cloud
import Foundation
import JSONCoding
import LambdaEvents
import Services
import StratusTesting
import Testing

@testable import stratus

/// `stratus provision` against moto, then the commands that take `--backend aws` on what it recorded.
@Suite("stratus provision")
struct ProvisionCommandTests {
    /// moto's dummy credentials for the CLI's credential chain (moto checks no signature).
    static func environment(_ moto: MotoServer) -> [String: String] {
        moto.environment.filter { $0.key.hasPrefix("AWS_") && $0.key != "AWS_ENDPOINT_URL" }
    }

    /// A client of `service` on moto, as the tests describe what the CLI made.
    /// The lines naming a resource, `created <kind> <name>` or `exists <kind> <name>`.
    static func resourceLines(_ output: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { $0.hasPrefix("created ") || $0.hasPrefix("exists ") }
    }

    @Test func provisioningTwiceMakesEverythingOnceAndRecordsTheSameIDs() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        let data = try TemporaryDirectory()
        let folder = data.path("data")
        let arguments = ["provision", "--endpoint", moto.endpoint, "--data-dir", folder]

        let first = try await InvokeCommandTests.stratus(arguments, environment: Self.environment(moto))
        #expect(first.status == 0, "\(first.standardError)")
        let created = Self.resourceLines(first.standardOutput)
        #expect(created.allSatisfy { $0.hasPrefix("created ") }, "\(first.standardOutput)")
        for line in [
            "created table orders-platform", "created bus orders-platform-app",
            "created archive orders-platform-app-archive", "created queue orders-platform-notifications-dlq",
            "created queue orders-platform-notifications", "created rule orders-platform-notifications",
            "created user-pool orders-platform", "created user-pool-client orders-platform", "created group staff",
        ] {
            #expect(created.contains(line), "\(line) missing from \(first.standardOutput)")
        }
        // Each dead-letter queue is made before the queue that redrives to it.
        let order = created.firstIndex(of: "created queue orders-platform-notifications-dlq")
        #expect(order != nil && order! < created.firstIndex(of: "created queue orders-platform-notifications")!)
        let path = "\(folder)/aws-resources.json"
        #expect(first.standardOutput.contains("Recorded them in \(path)"))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let recorded = try AWSResources.load(from: LocalDataDirectory(path: folder))
        #expect(recorded.endpoint == moto.endpoint && recorded.region == "us-east-1")
        #expect(recorded.accountId.count == 12)
        #expect(recorded.queues["notifications"]?.url.hasSuffix("/orders-platform-notifications") == true)
        #expect(recorded.table.streamArn != nil)

        let second = try await InvokeCommandTests.stratus(arguments, environment: Self.environment(moto))
        #expect(second.status == 0, "\(second.standardError)")
        let again = Self.resourceLines(second.standardOutput)
        #expect(again.count == created.count)
        #expect(again.allSatisfy { $0.hasPrefix("exists ") }, "\(second.standardOutput)")
        #expect(try AWSResources.load(from: LocalDataDirectory(path: folder)) == recorded)
    }

    @Test func theProvisionedResourcesAreWhatTheManifestAsksFor() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        let data = try TemporaryDirectory()
        let run = try await InvokeCommandTests.stratus(
            ["provision", "--endpoint", moto.endpoint, "--data-dir", data.path("data"), "--stage", "test"],
            environment: Self.environment(moto))
        #expect(run.status == 0, "\(run.standardError)")
        let recorded = try AWSResources.load(from: LocalDataDirectory(path: data.path("data")))

        let dynamoDB = try moto.client(.dynamoDB)
        let table = try await dynamoDB.call("DescribeTable", ["TableName": "orders-platform-test"])["Table"]
        #expect(table?["StreamSpecification"]?["StreamViewType"] == "NEW_IMAGE")
        #expect(table?["LatestStreamArn"]?.stringValue == recorded.table.streamArn)
        #expect(table?["GlobalSecondaryIndexes"]?.arrayValue?.first?["IndexName"] == "GSI1")
        let ttl = try await dynamoDB.call("DescribeTimeToLive", ["TableName": "orders-platform-test"])
        #expect(ttl["TimeToLiveDescription"]?["AttributeName"] == "expiresAt")

        let queues = SQSQueue(client: try moto.client(.sqs))
        let notifications = try await queues.attributes(of: "orders-platform-test-notifications").configuration
        #expect(notifications.visibilityTimeout == .seconds(180))
        #expect(
            notifications.redrivePolicy
                == RedrivePolicy(deadLetterQueue: "orders-platform-test-notifications-dlq", maxReceiveCount: 5))
        let deadLetters = try await queues.attributes(of: "orders-platform-test-notifications-dlq").configuration
        #expect(deadLetters.retention == .seconds(14 * 86_400))

        let bus = EventBridgeBus(client: try moto.client(.eventBridge))
        let targets = try await bus.listTargets(
            rule: "orders-platform-test-notifications", bus: "orders-platform-test-app")
        #expect(targets.map(\.destination) == [.queue("orders-platform-test-notifications")])
        let archives = try await bus.listArchives(sourceBus: "orders-platform-test-app")
        #expect(archives.map(\.name) == ["orders-platform-test-app-archive"])
        #expect(archives.first?.retentionDays == 7)
        // An event of the services reaches the analytics queue through the provisioned rule.
        let put = try await bus.putEvents([
            PutEventsEntry(
                source: "stratus.orders", detailType: "OrderPlaced", detail: #"{"orderId":"o-1"}"#,
                eventBusName: "orders-platform-test-app")
        ])
        #expect(put.failedEntryCount == 0)
        let delivered = try await queues.receive(
            from: "orders-platform-test-analytics", maxMessages: 10, waitTime: .seconds(5))
        #expect(delivered.count == 1 && delivered.first?.body.contains("OrderPlaced") == true)

        let cognito = try moto.client(.cognitoIdentityProvider)
        let pool = try await cognito.call("DescribeUserPool", ["UserPoolId": .string(recorded.userPool.id)])
        #expect(pool["UserPool"]?["Name"] == "orders-platform-test")
        #expect(pool["UserPool"]?["Policies"]?["PasswordPolicy"]?["MinimumLength"] == 8)
        let appClient = try await cognito.call(
            "DescribeUserPoolClient",
            ["UserPoolId": .string(recorded.userPool.id), "ClientId": .string(recorded.userPool.clientId)])
        let flows = appClient["UserPoolClient"]?["ExplicitAuthFlows"]?.arrayValue ?? []
        #expect(flows.contains("ALLOW_USER_PASSWORD_AUTH") && flows.contains("ALLOW_REFRESH_TOKEN_AUTH"))
        #expect(appClient["UserPoolClient"]?["ClientSecret"] == nil)
        let group = try await cognito.call(
            "GetGroup", ["UserPoolId": .string(recorded.userPool.id), "GroupName": "staff"])
        #expect(group["Group"]?["GroupName"] == "staff")
    }

    @Test func aTableMadeWithoutStreamOrTimeToLiveGetsThem() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        let dynamoDB = try moto.client(.dynamoDB)
        _ = try await dynamoDB.call(
            "CreateTable",
            [
                "TableName": "orders-platform", "BillingMode": "PAY_PER_REQUEST",
                "AttributeDefinitions": [
                    ["AttributeName": "PK", "AttributeType": "S"], ["AttributeName": "SK", "AttributeType": "S"],
                ],
                "KeySchema": [
                    ["AttributeName": "PK", "KeyType": "HASH"], ["AttributeName": "SK", "KeyType": "RANGE"],
                ],
            ])
        let data = try TemporaryDirectory()
        let run = try await InvokeCommandTests.stratus(
            ["provision", "--endpoint", moto.endpoint, "--data-dir", data.path("data")],
            environment: Self.environment(moto))
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("exists table orders-platform\n"))
        #expect(
            run.standardOutput.contains("updated table orders-platform: turned on its stream and time to live"),
            "\(run.standardOutput)")
        let recorded = try AWSResources.load(from: LocalDataDirectory(path: data.path("data")))
        #expect(recorded.table.streamArn != nil)
        let ttl = try await dynamoDB.call("DescribeTimeToLive", ["TableName": "orders-platform"])
        #expect(ttl["TimeToLiveDescription"]?["TimeToLiveStatus"] == "ENABLED")

        let again = try await InvokeCommandTests.stratus(
            ["provision", "--endpoint", moto.endpoint, "--data-dir", data.path("data")],
            environment: Self.environment(moto))
        #expect(!again.standardOutput.contains("updated table"), "\(again.standardOutput)")
    }

    @Test func theCommandsWorkOnTheProvisionedResourcesWithBackendAWS() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        let data = try TemporaryDirectory()
        let folder = data.path("data")
        let environment = Self.environment(moto)
        let provision = try await InvokeCommandTests.stratus(
            ["provision", "--endpoint", moto.endpoint, "--data-dir", folder], environment: environment)
        #expect(provision.status == 0, "\(provision.standardError)")
        let backend = try #require(
            try BackendOptions.parse(["--backend", "aws"]).aws(
                dataDirectory: folder, environment: AWSEnvironment(moto.environment)))

        // `queues` lists the manifest's queues by the manifest's names, with their dead-letter queues.
        _ = try await backend.queues().send(OutgoingMessage(body: "waiting"), to: "analytics")
        let queues = try await InvokeCommandTests.stratus(
            ["queues", "--backend", "aws", "--data-dir", folder], environment: environment)
        #expect(queues.status == 0, "\(queues.standardError)")
        let rows = queues.standardOutput.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(
            rows.map { $0.first ?? "" } == [
                "QUEUE", "analytics", "analytics-dlq", "notifications", "notifications-dlq",
            ])
        #expect(rows.first { $0.first == "notifications" }?.contains("notifications-dlq") == true)
        #expect(rows.first { $0.first == "analytics" }?[1] == "1")

        // `users add-to-group` puts a Cognito user into the staff group.
        let identity = try backend.identity()
        _ = try await identity.signUp(email: "ada@example.com", password: "Correct-horse-1", name: "Ada")
        let added = try await InvokeCommandTests.stratus(
            [
                "users", "add-to-group", "--email", "ada@example.com", "--group", "staff", "--backend", "aws",
                "--data-dir", folder,
            ],
            environment: environment)
        #expect(added.status == 0, "\(added.standardError)")
        let groups = try await moto.client(.cognitoIdentityProvider).call(
            "AdminListGroupsForUser",
            ["UserPoolId": .string(backend.resources.userPool.id), "Username": "ada@example.com"])
        #expect(groups["Groups"]?.arrayValue?.compactMap { $0["GroupName"]?.stringValue } == ["staff"])

        // `dlq` reads the dead letters from the table and redrives them to the provisioned queue.
        let processor = DeadLetterProcessor(
            store: try backend.store(), sources: DeadLetterSources(["notifications-dlq": "notifications"]))
        let message = SQSEvent.Message.test(
            "m-1", body: #"{"poison":true}"#, receiveCount: 5, queue: "notifications-dlq")
        _ = try await processor.handle(SQSEvent(records: [message]), context: .test(function: "dead-letters"))
        let list = try await InvokeCommandTests.stratus(
            ["dlq", "list", "--backend", "aws", "--data-dir", folder], environment: environment)
        #expect(list.status == 0, "\(list.standardError)")
        #expect(list.standardOutput.contains("m-1") && list.standardOutput.contains("notifications"))
        let redrive = try await InvokeCommandTests.stratus(
            ["dlq", "redrive", "--backend", "aws", "--data-dir", folder], environment: environment)
        #expect(redrive.status == 0, "\(redrive.standardError)")
        #expect(redrive.standardOutput.contains("1 dead letter redriven"))
        let back = try await SQSQueue(client: try moto.client(.sqs)).receive(
            from: "orders-platform-notifications", maxMessages: 10, waitTime: .zero)
        #expect(back.map(\.body) == [#"{"poison":true}"#])
    }

    @Test func aReplayOfTheProvisionedArchiveStartsOnEventBridge() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        let data = try TemporaryDirectory()
        let folder = data.path("data")
        let environment = Self.environment(moto)
        let provision = try await InvokeCommandTests.stratus(
            ["provision", "--endpoint", moto.endpoint, "--data-dir", folder], environment: environment)
        #expect(provision.status == 0, "\(provision.standardError)")

        let replay = try await InvokeCommandTests.stratus(
            [
                "events", "replay", "--backend", "aws", "--data-dir", folder, "--archive", "app-archive",
                "--from", "2026-01-01T00:00:00Z", "--to", "2026-01-02T00:00:00Z", "--rule", "notifications",
                "--name", "fix-1",
            ],
            environment: environment)
        #expect(replay.status == 0, "\(replay.standardError)")
        #expect(
            replay.standardOutput.contains(
                "Replay fix-1: orders-platform-app-archive started to the bus orders-platform-app for the rules "
                    + "orders-platform-notifications"))
        let described = try await EventBridgeBus(client: try moto.client(.eventBridge)).describeReplay("fix-1")
        #expect(described.archive == "orders-platform-app-archive")
        #expect(described.destinationBus == "orders-platform-app")
    }

    /// The lines a provisioner reports.
    final class Report {
        var lines: [String] = []
    }

    @Test func declaredSecretsAreMadeWithoutAValueAndSetByTheSecretsCommand() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        let manifest = AppManifest("shop", version: "1") {
            Function("refunds") { _ in ProvisioningPlanTests.Nothing() }.readsSecrets("payments/api-key")
        }
        let plan = try ProvisioningPlan(manifest: manifest, groups: [])
        let connection = try AWSConnection(
            endpoint: moto.endpoint, region: nil, environment: AWSEnvironment(moto.environment))
        let first = Report()
        let resources = try await AWSProvisioner(plan: plan, connection: connection) { first.lines.append($0) }.apply()
        #expect(first.lines.contains("created secret shop/payments/api-key"), "\(first.lines)")
        let second = Report()
        let again = try await AWSProvisioner(plan: plan, connection: connection) { second.lines.append($0) }.apply()
        #expect(second.lines.contains("exists secret shop/payments/api-key"))
        #expect(again.secrets == resources.secrets)
        let arn = try #require(resources.secrets["payments/api-key"]?.arn)
        #expect(arn.hasPrefix("arn:aws:secretsmanager:us-east-1:") && arn.contains(":secret:shop/payments/api-key"))

        let data = try TemporaryDirectory()
        try resources.save(in: LocalDataDirectory(path: data.path("data")))
        let put = try await InvokeCommandTests.stratus(
            ["secrets", "put", "payments/api-key", "--backend", "aws", "--data-dir", data.path("data")],
            input: "s3cret\n", environment: Self.environment(moto))
        #expect(put.status == 0, "\(put.standardError)")
        #expect(put.standardOutput.hasPrefix("shop/payments/api-key version "))
        let secrets = SecretsManagerSecretStore(client: try moto.client(.secretsManager))
        #expect(try await secrets.secretValue("shop/payments/api-key").payload == .string("s3cret"))

        // `stratus serve --backend aws` gives the functions the secret by the name they read it by.
        let served = AWSServedCloud(backend: AWSBackend(resources: resources, connection: connection))
        let ports = served.ports(
            for: manifest, notifier: UnavailableNotifier(reason: "not used"), clock: SystemClock())
        let read = try await ports.secrets.secretValue("payments/api-key")
        #expect(read.payload == .string("s3cret") && read.name == "payments/api-key")
    }

    @Test func withoutARecordTheCommandsNameStratusProvision() async throws {
        let data = try TemporaryDirectory()
        for arguments in [
            ["queues"], ["dlq", "list"], ["users", "add-to-group", "--email", "a@example.com", "--group", "staff"],
            [
                "events", "replay", "--archive", "app-archive", "--from", "2026-01-01T00:00:00Z", "--to",
                "2026-01-02T00:00:00Z",
            ],
        ] {
            let run = try await InvokeCommandTests.stratus(
                arguments + ["--backend", "aws", "--data-dir", data.path("none")])
            #expect(run.status != 0)
            #expect(run.standardError.contains("No AWS resources are recorded in"), "\(run.standardError)")
            #expect(run.standardError.contains("stratus provision --endpoint URL"), "\(run.standardError)")
        }
        let local = try await InvokeCommandTests.stratus(["queues", "--endpoint", "http://127.0.0.1:1"])
        #expect(local.status != 0 && local.standardError.contains("--endpoint needs --backend aws"))
    }

    @Test func anUnreachableEndpointIsOneClearLineAndAFailure() async throws {
        let data = try TemporaryDirectory()
        let run = try await InvokeCommandTests.stratus(
            ["provision", "--endpoint", "http://127.0.0.1:9", "--data-dir", data.path("data")],
            environment: ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"])
        #expect(run.status != 0)
        #expect(run.standardError.contains("Cannot reach the endpoint http://127.0.0.1:9: "), "\(run.standardError)")
        #expect(!run.standardError.contains("Fatal error") && !run.standardError.contains("Stack"))
        #expect(!FileManager.default.fileExists(atPath: data.path("data/aws-resources.json")))
        let notURL = try await InvokeCommandTests.stratus(["provision", "--endpoint", "127.0.0.1:9"])
        #expect(notURL.status != 0 && notURL.standardError.contains("--endpoint must be an http or https URL"))
        let noCredentials = try await InvokeCommandTests.stratus(
            ["provision", "--endpoint", "http://127.0.0.1:9", "--data-dir", data.path("data")],
            environment: [
                "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_PROFILE": "",
                "AWS_CONFIG_FILE": data.path("none"), "AWS_SHARED_CREDENTIALS_FILE": data.path("none"),
                "AWS_WEB_IDENTITY_TOKEN_FILE": "", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": "", "AWS_EC2_METADATA_DISABLED": "true",
            ])
        #expect(noCredentials.status != 0)
        #expect(noCredentials.standardError.contains("No AWS credentials for http://127.0.0.1:9"))
        let badRegion = try await InvokeCommandTests.stratus([
            "provision", "--endpoint", "http://127.0.0.1:9", "--region", "Mars/1",
        ])
        #expect(badRegion.status != 0 && badRegion.standardError.contains("--region must be a region name"))
    }
}
