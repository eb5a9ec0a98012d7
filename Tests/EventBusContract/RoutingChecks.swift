import Cloud
import JSONCoding
import Testing

/// Rules: what they match goes to their targets while they are enabled.
let routingChecks: [EventBusContract.Check] = [
    .init("an event goes to the queue of each rule it matches, with its trace header, and nowhere else") { scenario in
        let (bus, queue) = try await scenario.route(
            #"{"source": ["orders"], "detail": {"total": [{"numeric": [">", 10]}]}}"#)
        let trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"
        let id = try await scenario.put(on: bus, detail: #"{"total": 42}"#, traceHeader: trace)
        try await scenario.put(on: bus, detail: #"{"total": 5}"#)
        try await scenario.put(on: bus, source: "users", detail: #"{"total": 42}"#)
        let messages = try await scenario.delivered(to: queue)
        #expect(messages.count == 1)
        // The message continues the event's trace; a bus that records its delivery names that span as `Parent`.
        #expect(messages.first?.traceHeader.map(traceFields(_:)) == traceFields(trace))
        #expect(JSONValue(parsing: Array((messages.first?.body ?? "").utf8))?["id"] == .string(id))
    },
    .init("a disabled rule routes nothing until it is enabled again; its targets stay") { scenario in
        let (bus, queue) = try await scenario.route()
        var rule = try await scenario.bus.describeRule("to-queue", bus: bus)
        #expect(rule.state == .enabled)
        rule.state = .disabled
        try await scenario.bus.putRule(rule)
        try await scenario.put(on: bus)
        #expect(try await scenario.delivered(to: queue).isEmpty)
        #expect(try await scenario.bus.listTargets(rule: "to-queue", bus: bus).map(\.id) == ["queue"])
        rule.state = .enabled
        try await scenario.bus.putRule(rule)
        try await scenario.put(on: bus)
        #expect(try await scenario.delivered(to: queue).count == 1)
    },
    .init("two rules matching one event each deliver it; a removed target receives nothing more") { scenario in
        let (bus, queue) = try await scenario.route()
        let second = scenario.name("second")
        try await scenario.queues.createQueue(second)
        try await scenario.bus.putRule(
            EventRule(name: "also", eventBusName: bus, eventPattern: #"{"detail-type": ["OrderPlaced"]}"#))
        #expect(
            try await scenario.bus.putTargets(
                [RuleTarget(id: "q2", destination: .queue(second))], rule: "also", bus: bus
            ).isEmpty)
        try await scenario.put(on: bus)
        #expect(try await scenario.delivered(to: queue).count == 1)
        #expect(try await scenario.delivered(to: second).count == 1)
        #expect(try await scenario.bus.removeTargets(["q2"], rule: "also", bus: bus).isEmpty)
        try await scenario.put(on: bus)
        #expect(try await scenario.delivered(to: second).isEmpty)
        #expect(try await scenario.delivered(to: queue).count == 1)
    },
    .init("rules are listed by name and prefix, described as put, and deleted once their targets are removed") {
        scenario in
        let (bus, _) = try await scenario.route()
        for name in ["orders-paid", "orders-shipped", "users-new"] {
            try await scenario.bus.putRule(
                EventRule(name: name, eventBusName: bus, eventPattern: #"{"source": ["x"]}"#, description: name))
        }
        #expect(
            try await scenario.bus.listRules(bus: bus, prefix: "orders-").map(\.name) == [
                "orders-paid", "orders-shipped",
            ])
        #expect(try await scenario.bus.listRules(bus: bus).count == 4)
        #expect(try await scenario.bus.listRules(bus: bus, prefix: "ORDERS-").isEmpty, "a prefix is in its case")
        #expect(try await scenario.bus.listRules(bus: bus, prefix: "orders_").isEmpty, "_ is no wildcard")
        #expect(try await scenario.bus.describeRule("users-new", bus: bus).description == "users-new")
        await expectBusError(.validation, "a rule with targets cannot be deleted") {
            try await scenario.bus.deleteRule("to-queue", bus: bus)
        }
        _ = try await scenario.bus.removeTargets(["queue"], rule: "to-queue", bus: bus)
        try await scenario.bus.deleteRule("to-queue", bus: bus)
        await expectBusError(.resourceNotFound) { _ = try await scenario.bus.describeRule("to-queue", bus: bus) }
    },
    .init("a FIFO queue target must name a message group (SqsParameters); its events arrive in that group") {
        scenario in
        let bus = scenario.name("bus")
        let queue = scenario.name("queue.fifo")
        try await scenario.bus.createEventBus(bus)
        try await scenario.queues.createQueue(
            queue, configuration: QueueConfiguration(fifo: true, contentBasedDeduplication: true))
        try await scenario.bus.putRule(
            EventRule(name: "to-fifo", eventBusName: bus, eventPattern: #"{"source": ["orders"]}"#))
        var target = RuleTarget(id: "fifo-target", destination: .queue(queue))
        let refusal = await #expect(throws: EventBusError.self) {
            _ = try await scenario.bus.putTargets([target], rule: "to-fifo", bus: bus)
        }
        #expect(refusal?.code == .validation)
        #expect(refusal?.message == "Parameter(s) SqsParameters must be specified for target: fifo-target.")
        #expect(try await scenario.bus.listTargets(rule: "to-fifo", bus: bus).isEmpty)
        target.messageGroupID = "orders"
        #expect(try await scenario.bus.putTargets([target], rule: "to-fifo", bus: bus).isEmpty)
        #expect(try await scenario.bus.listTargets(rule: "to-fifo", bus: bus).map(\.messageGroupID) == ["orders"])
        let id = try await scenario.put(on: bus)
        let messages = try await scenario.delivered(to: queue)
        #expect(messages.map(\.messageGroupID) == ["orders"])
        #expect(JSONValue(parsing: Array((messages.first?.body ?? "").utf8))?["id"] == .string(id))
    },
]

/// A trace header's `Root` and `Sampled` fields: what identifies the trace and its sampling, without the `Parent` a
/// hop along the way may set.
private func traceFields(_ header: String) -> [String: String] {
    var fields: [String: String] = [:]
    for field in header.split(separator: ";") {
        let parts = field.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, parts[0] == "Root" || parts[0] == "Sampled" else { continue }
        fields[String(parts[0])] = String(parts[1])
    }
    return fields
}
