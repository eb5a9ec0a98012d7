public import Cloud
public import Logging

/// The asynchronous half of the local cloud, made from the app manifest: its queues (with their dead-letter queues),
/// buses, archives, rules and targets on the local bus, the outbox relay that publishes every change's events onto
/// the app's bus, and its ``FunctionTriggers`` (a poller per queue trigger, and the scheduler). Table stream
/// triggers are AWS's way to the outbox (a relay function on the table's stream): the local relay does that work
/// here, so they are left out.
///
/// ``provision()`` makes what the manifest declares (again at each start: settings changed in the manifest replace
/// those stored), then ``run()`` runs every part until its task is cancelled.
public struct LocalEventBackbone: Sendable {
    /// The bus the app's outbox events go to: the first bus the manifest declares, else `default`.
    public let appBus: String

    private let manifest: AppManifest
    private let queues: SQLiteMessageQueue
    private let bus: SQLiteEventBus
    private let relay: OutboxRelay
    private let triggers: FunctionTriggers

    /// The backbone of `manifest` on these stores, invoking functions through `functions`; `tracing` traces the
    /// pollers' invocations and, with its tracer, the relay's publishing. With `relayYielding`, the relay holds the
    /// outbox's events back while that gateway is saturated with requests.
    ///
    /// - Throws: ``LocalEventBackboneError`` when a schedule's expression, input or time zone is invalid, or a
    ///   queue trigger is out of Lambda's bounds.
    public init(
        manifest: AppManifest,
        store: SQLiteItemStore,
        queues: SQLiteMessageQueue,
        bus: SQLiteEventBus,
        functions: FunctionInstanceInvoker,
        scheduleHistory: ScheduleHistory,
        tracing: QueuePollerTracing? = nil,
        relayYielding: OutboxRelay.Yielding? = nil,
        clock: any Clock = SystemClock(),
        logger: Logger = Logger(label: "stratus.event-backbone")
    ) throws(LocalEventBackboneError) {
        self.manifest = manifest
        self.queues = queues
        self.bus = bus
        self.appBus = manifest.buses.first?.name ?? Bus.defaultName
        self.relay = OutboxRelay(
            store: store,
            publisher: BusOutboxPublisher(bus: bus, busName: self.appBus, tracer: tracing?.tracer ?? .disabled),
            yielding: relayYielding)
        self.triggers = try FunctionTriggers(
            manifest: manifest, queues: queues, functions: functions, scheduleHistory: scheduleHistory,
            tracing: tracing, clock: clock, logger: logger)
    }

    /// Makes the manifest's queues (each dead-letter queue before the queues that use it), buses, archives, rules
    /// and their targets; what exists already is brought up to the manifest's settings.
    /// - Throws: ``LocalEventBackboneError`` naming what could not be made.
    public func provision() async throws(LocalEventBackboneError) {
        for queue in self.manifest.queuesDeadLettersFirst {
            do {
                try await self.provision(queue)
            } catch {
                throw LocalEventBackboneError("Queue \(queue.name): \(error)")
            }
        }
        do {
            try await self.provisionBuses()
            for rule in self.manifest.rules {
                try await self.bus.putRule(
                    EventRule(name: rule.name, eventBusName: rule.bus, eventPattern: rule.pattern))
                let failures = try await self.bus.putTargets(
                    rule.targets.map(Self.target), rule: rule.name, bus: rule.bus)
                if let failure = failures.first {
                    throw EventBusError(
                        .validation, "Rule \(rule.name): target \(failure.targetID): \(failure.errorMessage)")
                }
            }
        } catch {
            throw LocalEventBackboneError("Event bus: \(error)")
        }
    }

    /// Creates `queue`, or gives the existing queue the manifest's settings.
    private func provision(_ queue: Queue) async throws(MessageQueueError) {
        let existing = try await self.queues.queueNames()
        if existing.contains(queue.name) {
            try await self.queues.setConfiguration(queue.configuration, of: queue.name)
        } else {
            try await self.queues.createQueue(queue.name, configuration: queue.configuration)
        }
    }

    /// Creates the declared buses and their archives that do not exist yet.
    private func provisionBuses() async throws(EventBusError) {
        let archives = Set(try await self.bus.listArchives().map(\.name))
        for declared in self.manifest.buses {
            do {
                try await self.bus.createEventBus(declared.name)
            } catch {
                guard error.code == .resourceAlreadyExists else { throw error }
            }
            if let archive = declared.archiveName, let days = declared.archiveDays, !archives.contains(archive) {
                try await self.bus.createArchive(
                    EventArchive(
                        name: archive, sourceBus: declared.name, eventPattern: declared.archivePattern,
                        retentionDays: days))
            }
        }
    }

    /// A manifest rule's target as the bus's: its id says what it is (`queue-NAME`, `function-NAME`).
    private static func target(_ target: Rule.Target) -> RuleTarget {
        switch target {
        case .queue(let name): RuleTarget(id: "queue-\(name)", destination: .queue(name))
        case .function(let name): RuleTarget(id: "function-\(name)", destination: .function(name))
        }
    }

    /// Runs the relay, the bus's deliveries, every poller and the scheduler until the task is cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.relay.run() }
            group.addTask { await self.bus.runDeliveries() }
            group.addTask { await self.triggers.run() }
        }
    }
}
