import Cloud

/// What `stratus provision` makes for an app on an AWS-compatible endpoint, derived from its manifest alone: the
/// single table (``TableSchema``), the buses with their archives, the queues (each dead-letter queue before the queues
/// that use it), the rules with their queue targets, the user pool with its app client and groups, and the secrets
/// the functions read.
///
/// Every name is prefixed with the app's name and the stage, if any (`orders-platform-dev-notifications`), so that
/// several apps and stages can share one endpoint; the table is named by the prefix alone, and a secret's name is the
/// prefix and the secret's as a path (`orders-platform-dev/payments/api-key`). Groups live inside the pool and keep
/// their names. The `default` bus is every account's and is neither prefixed nor made. Rule targets that are
/// functions are left out: provisioning deploys no functions.
struct ProvisioningPlan {
    /// A bus to make, with its archive when the manifest asks for one.
    struct Bus: Equatable {
        let name: String
        let physicalName: String
        let archive: EventArchive?
    }

    /// A queue to make; its redrive policy names the dead-letter queue's physical name.
    struct Queue: Equatable {
        let name: String
        let physicalName: String
        let configuration: QueueConfiguration
    }

    /// A rule to put on its bus, sending what it matches to the queues named (physically) by its targets.
    struct Rule: Equatable {
        let name: String
        let physicalName: String
        let bus: String
        let pattern: String
        let targets: [RuleTarget]
    }

    /// A secret the functions read; provisioning makes it without a value.
    struct Secret: Equatable {
        let name: String
        let physicalName: String
    }

    /// The app's name and the stage, if any.
    let app: String
    let stage: String?
    /// The prefix of every name: the app's name, then `-<stage>` when there is a stage (``namePrefix(app:stage:)``).
    let prefix: String
    /// The table's name.
    let tableName: String
    let buses: [Bus]
    let queues: [Queue]
    let rules: [Rule]
    /// The user pool's name and its app client's (the prefix); the pool's password policy is the identity
    /// provider's, ``PasswordPolicy/standard``.
    let userPoolName: String
    /// The groups made in the pool.
    let groups: [String]
    /// The secrets the functions read, each once.
    let secrets: [Secret]

    /// SQS's, EventBridge's and their archives' longest names.
    static let maximumQueueName = 80
    static let maximumRuleName = 64
    static let maximumArchiveName = 48
    /// The prefix of the names of `app`'s resources on `stage`: the app's name, then `-<stage>` when there is one.
    static func namePrefix(app: String, stage: String?) -> String {
        stage.map { "\(app)-\($0)" } ?? app
    }

    /// The longest stage: short enough to leave room for the names it prefixes.
    static let maximumStage = 16

    /// The plan for `manifest` in `stage`, with `groups` in the user pool.
    /// - Throws: ``CommandLineError`` when the manifest's event backbone is invalid, the stage is not 1–16 letters,
    ///   digits or hyphens, or a prefixed name is longer than AWS allows.
    init(manifest: AppManifest, stage: String? = nil, groups: [String]) throws {
        do {
            try manifest.validateEventBackbone()
        } catch {
            throw CommandLineError("The manifest of \(manifest.name) cannot be provisioned: \(error)")
        }
        if let stage {
            guard (1...Self.maximumStage).contains(stage.count),
                stage.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            else {
                throw CommandLineError("--stage must be 1 to \(Self.maximumStage) letters, digits or '-'")
            }
        }
        let prefix = Self.namePrefix(app: manifest.name, stage: stage)
        func physical(_ name: String) -> String { "\(prefix)-\(name)" }
        func bus(_ name: String) -> String { name == Cloud.Bus.defaultName ? name : physical(name) }

        self.app = manifest.name
        self.stage = stage
        self.prefix = prefix
        self.tableName = prefix
        self.buses = manifest.buses.map { declared in
            Bus(
                name: declared.name, physicalName: physical(declared.name),
                archive: declared.archiveName.map { archive in
                    EventArchive(
                        name: physical(archive), sourceBus: physical(declared.name),
                        eventPattern: declared.archivePattern, retentionDays: declared.archiveDays ?? 0)
                })
        }
        self.queues = manifest.queuesDeadLettersFirst.map { declared in
            var configuration = declared.configuration
            if let policy = declared.configuration.redrivePolicy {
                configuration.redrivePolicy?.deadLetterQueue = physical(policy.deadLetterQueue)
            }
            return Queue(name: declared.name, physicalName: physical(declared.name), configuration: configuration)
        }
        self.rules = manifest.rules.map { declared in
            Rule(
                name: declared.name, physicalName: physical(declared.name), bus: bus(declared.bus),
                pattern: declared.pattern,
                targets: declared.targets.compactMap { target in
                    guard case .queue(let queue) = target else { return nil }
                    return RuleTarget(id: queue, destination: .queue(physical(queue)))
                })
        }
        self.userPoolName = prefix
        self.groups = groups
        self.secrets = manifest.secretNames.map { Secret(name: $0, physicalName: "\(prefix)/\($0)") }
        try self.checkNameLengths()
    }

    private func checkNameLengths() throws {
        func check(_ kind: String, _ name: String, _ limit: Int) throws {
            guard name.count <= limit else {
                throw CommandLineError(
                    "The \(kind) name \(name) is longer than \(limit) characters: use a shorter stage or name")
            }
        }
        for queue in self.queues { try check("queue", queue.physicalName, Self.maximumQueueName) }
        for rule in self.rules { try check("rule", rule.physicalName, Self.maximumRuleName) }
        for archive in self.buses.compactMap(\.archive) { try check("archive", archive.name, Self.maximumArchiveName) }
        for secret in self.secrets { try check("secret", secret.physicalName, SecretLimits.maximumNameLength) }
    }
}
