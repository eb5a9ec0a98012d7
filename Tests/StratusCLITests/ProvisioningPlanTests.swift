import Cloud
import JSONCoding
import LambdaRuntime
import Testing

@testable import stratus

/// `stratus provision`'s plan: what the manifest asks for, under names prefixed by the app and the stage.
@Suite("Provisioning plan")
struct ProvisioningPlanTests {
    struct Nothing: LambdaHandler {
        func handle(_ event: [String: String], context: LambdaContext) async throws -> [String: String] { event }
    }

    /// A dead-letter queue declared after the queue that uses it, a bus with an archive, a rule on the default bus
    /// and a function's own event rule.
    static let manifest = AppManifest("shop", version: "1") {
        Bus("app", archiveDays: 7, archivePattern: #"{"source": ["orders"]}"#)
        Queue("work", visibilityTimeout: .seconds(90), deadLetterQueue: "work-dlq", maxReceiveCount: 3)
        Queue("work-dlq", retention: .seconds(86_400))
        Rule("to-work", on: "app", pattern: #"{"source": ["orders"]}"#, targets: [.queue("work")])
        Rule("audit", pattern: #"{"source": ["users"]}"#, targets: [.queue("work-dlq")])
        Function("worker") { _ in Nothing() }.queue("work").readsSecrets("payments/api-key")
        Function("refunds") { _ in Nothing() }.readsSecrets("payments/api-key", "mail/password")
        Function("listener") { _ in Nothing() }.events(rule: "on-order", on: "app", pattern: #"{"source": ["orders"]}"#)
    }

    @Test func everyNameIsPrefixedByTheAppAndTheStage() throws {
        let plan = try ProvisioningPlan(manifest: Self.manifest, stage: "dev", groups: ["staff"])
        #expect(plan.prefix == "shop-dev")
        #expect(plan.tableName == "shop-dev")
        #expect(plan.userPoolName == "shop-dev")
        #expect(plan.groups == ["staff"])
        #expect(plan.buses.map(\.physicalName) == ["shop-dev-app"])
        #expect(plan.queues.map(\.physicalName) == ["shop-dev-work-dlq", "shop-dev-work"])
        #expect(plan.rules.map(\.physicalName) == ["shop-dev-to-work", "shop-dev-audit", "shop-dev-on-order"])
        // Each secret once, under the prefix as a path.
        #expect(plan.secrets.map(\.physicalName) == ["shop-dev/payments/api-key", "shop-dev/mail/password"])
        let unstaged = try ProvisioningPlan(manifest: Self.manifest, groups: [])
        #expect(unstaged.tableName == "shop" && unstaged.queues.map(\.physicalName) == ["shop-work-dlq", "shop-work"])
    }

    @Test func deadLetterQueuesComeFirstAndRedrivePoliciesNameThemPhysically() throws {
        let plan = try ProvisioningPlan(manifest: Self.manifest, groups: [])
        #expect(plan.queues.map(\.name) == ["work-dlq", "work"])
        let work = try #require(plan.queues.last)
        #expect(work.configuration.redrivePolicy == RedrivePolicy(deadLetterQueue: "shop-work-dlq", maxReceiveCount: 3))
        #expect(work.configuration.visibilityTimeout == .seconds(90))
        #expect(plan.queues.first?.configuration.retention == .seconds(86_400))
    }

    @Test func busesKeepTheirArchiveAndRulesTargetQueuesByPhysicalName() throws {
        let plan = try ProvisioningPlan(manifest: Self.manifest, groups: [])
        #expect(
            plan.buses.first?.archive
                == EventArchive(
                    name: "shop-app-archive", sourceBus: "shop-app", eventPattern: #"{"source": ["orders"]}"#,
                    retentionDays: 7))
        let rules = Dictionary(uniqueKeysWithValues: plan.rules.map { ($0.name, $0) })
        #expect(rules["to-work"]?.bus == "shop-app")
        #expect(rules["to-work"]?.targets == [RuleTarget(id: "work", destination: .queue("shop-work"))])
        // The default bus is every account's: neither prefixed nor made.
        #expect(rules["audit"]?.bus == "default")
        // Provisioning deploys no functions, so a rule delivering to one gets no target.
        #expect(rules["on-order"]?.targets == [])
    }

    @Test func badStagesAndNamesTooLongForAWSAreRefused() {
        #expect(throws: CommandLineError.self) { try ProvisioningPlan(manifest: Self.manifest, stage: "", groups: []) }
        #expect(throws: CommandLineError.self) {
            try ProvisioningPlan(manifest: Self.manifest, stage: "dev/1", groups: [])
        }
        let long = AppManifest(String(repeating: "a", count: 70), version: "1") {
            Queue("notifications")
        }
        let error = #expect(throws: CommandLineError.self) { try ProvisioningPlan(manifest: long, groups: []) }
        #expect(error?.description.contains("longer than 80 characters") == true)
    }

    @Test func queuesLetOnlyTheirRulesSendThroughEventBridge() throws {
        let policy = AWSProvisioner.eventBridgeSendPolicy(
            queueARN: "arn:aws:sqs:us-east-1:123456789012:shop-work",
            ruleARNs: ["arn:aws:events:us-east-1:123456789012:rule/shop-app/shop-to-work"])
        let json = try #require(JSONValue(parsing: Array(policy.utf8)))
        let statement = try #require(json["Statement"]?.arrayValue?.first)
        #expect(statement["Principal"]?["Service"] == "events.amazonaws.com")
        #expect(statement["Action"] == "sqs:SendMessage")
        #expect(statement["Resource"] == "arn:aws:sqs:us-east-1:123456789012:shop-work")
        #expect(
            statement["Condition"]?["ArnEquals"]?["aws:SourceArn"]
                == ["arn:aws:events:us-east-1:123456789012:rule/shop-app/shop-to-work"])
    }
}
