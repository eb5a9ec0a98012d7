import Cloud
import Testing

/// Buses, rules, archives and replays that do not exist, exist already, or are malformed.
let errorChecks: [EventBusContract.Check] = [
    .init("a bus that does not exist is ResourceNotFoundException for every operation on it") { scenario in
        let bus = scenario.name("missing")
        let rule = EventRule(name: "r", eventBusName: bus, eventPattern: #"{"source": ["a"]}"#)
        await expectBusError(.resourceNotFound) { try await scenario.bus.putRule(rule) }
        await expectBusError(.resourceNotFound) { _ = try await scenario.bus.listRules(bus: bus) }
        await expectBusError(.resourceNotFound) { _ = try await scenario.bus.describeRule("r", bus: bus) }
        await expectBusError(.resourceNotFound) { try await scenario.bus.deleteEventBus(bus) }
        await expectBusError(.resourceNotFound) {
            try await scenario.bus.createArchive(EventArchive(name: scenario.name("a"), sourceBus: bus))
        }
        try await scenario.bus.createEventBus(bus)
        try await scenario.bus.putRule(rule)
        await expectBusError(.validation, "a bus with rules is not deleted") {
            try await scenario.bus.deleteEventBus(bus)
        }
        #expect(try await scenario.bus.describeRule("r", bus: bus).name == "r", "its rule is kept")
        try await scenario.bus.deleteRule("r", bus: bus)
        try await scenario.bus.deleteEventBus(bus)
        await expectBusError(.resourceNotFound) { _ = try await scenario.bus.listRules(bus: bus) }
    },
    .init("rules, targets, archives and replays that do not exist are ResourceNotFoundException") { scenario in
        let (bus, _) = try await scenario.route()
        await expectBusError(.resourceNotFound) { _ = try await scenario.bus.describeRule("nope", bus: bus) }
        await expectBusError(.resourceNotFound) { try await scenario.bus.deleteRule("nope", bus: bus) }
        await expectBusError(.resourceNotFound) { _ = try await scenario.bus.listTargets(rule: "nope", bus: bus) }
        await expectBusError(.resourceNotFound) {
            _ = try await scenario.bus.putTargets(
                [RuleTarget(id: "t", destination: .queue("q"))], rule: "nope", bus: bus)
        }
        let missing = try await scenario.bus.removeTargets(["ghost"], rule: "to-queue", bus: bus)
        #expect(missing.map(\.targetID) == ["ghost"])
        await expectBusError(.resourceNotFound) { try await scenario.bus.deleteArchive(scenario.name("nope")) }
        await expectBusError(.resourceNotFound) { _ = try await scenario.bus.describeReplay(scenario.name("nope")) }
        await expectBusError(.resourceNotFound) {
            _ = try await scenario.bus.startReplay(
                EventReplay(
                    name: scenario.name("r"), archive: scenario.name("nope"), fromMilliseconds: 0,
                    toMilliseconds: 1, destinationBus: bus))
        }
    },
    .init("existing buses cannot be created again, the default bus is always there and cannot be deleted") {
        scenario in
        let bus = scenario.name("twice")
        try await scenario.bus.createEventBus(bus)
        await expectBusError(.resourceAlreadyExists) { try await scenario.bus.createEventBus(bus) }
        await expectBusError(.resourceAlreadyExists) { try await scenario.bus.createEventBus(EventBusNames.default) }
        await expectBusError(.validation) { try await scenario.bus.deleteEventBus(EventBusNames.default) }
        await expectBusError(.validation) { try await scenario.bus.createEventBus("no spaces") }
        _ = try await scenario.bus.listRules(bus: EventBusNames.default)
    },
    .init("a pattern EventBridge rejects is InvalidEventPatternException; a rule without one is a ValidationException")
    {
        scenario in
        let (bus, _) = try await scenario.route()
        await expectBusError(.invalidEventPattern) {
            try await scenario.bus.putRule(
                EventRule(name: "bad", eventBusName: bus, eventPattern: #"{"source": "orders"}"#))
        }
        await expectBusError(.invalidEventPattern) {
            try await scenario.bus.putRule(EventRule(name: "bad", eventBusName: bus, eventPattern: "not json"))
        }
        await expectBusError(.validation) {
            try await scenario.bus.putRule(EventRule(name: "bad", eventBusName: bus, eventPattern: ""))
        }
        await expectBusError(.validation) {
            try await scenario.bus.putRule(EventRule(name: "bad name!", eventBusName: bus, eventPattern: "{}"))
        }
        await expectBusError(.invalidEventPattern) {
            try await scenario.bus.createArchive(
                EventArchive(name: scenario.name("a"), sourceBus: bus, eventPattern: #"{"source": []}"#))
        }
        await expectBusError(.resourceNotFound) { _ = try await scenario.bus.describeRule("bad", bus: bus) }
    },
    .init("a message group of no character or of more than 128 fails its target alone; 128 are taken") { scenario in
        let (bus, _) = try await scenario.route()
        let queue = scenario.name("queue.fifo")
        try await scenario.queues.createQueue(
            queue, configuration: QueueConfiguration(fifo: true, contentBasedDeduplication: true))
        let groups = [
            ("empty", ""), ("long", String(repeating: "g", count: 129)), ("full", String(repeating: "g", count: 128)),
        ]
        let targets = groups.map { id, group in
            RuleTarget(id: id, destination: .queue(queue), messageGroupID: group)
        }
        let failures = try await scenario.bus.putTargets(targets, rule: "to-queue", bus: bus)
        #expect(failures.map(\.targetID) == ["empty", "long"])
        #expect(failures.allSatisfy { $0.errorCode == EventBusError.Code.validation.rawValue })
        #expect(Set(try await scenario.bus.listTargets(rule: "to-queue", bus: bus).map(\.id)) == ["queue", "full"])
    },
]
