import Cloud
import Testing

/// The tags of buses and rules: added, replaced, removed, bounded, and gone with what held them.
let tagChecks: [EventBusContract.Check] = [
    .init("a bus's and a rule's tags are added, replaced by key and removed; each holds at most 50") { scenario in
        let busName = scenario.name("tagged")
        try await scenario.bus.createEventBus(busName)
        try await scenario.bus.putRule(EventRule(name: "r1", eventBusName: busName, eventPattern: #"{"source":["a"]}"#))
        let bus = EventBusResource.bus(busName)
        let rule = EventBusResource.rule("r1", bus: busName)
        #expect(try await scenario.bus.tags(of: bus).isEmpty)
        try await scenario.bus.tag(bus, with: ["team": "orders", "Team": "case counts", "cost-centre": "42"])
        try await scenario.bus.tag(bus, with: ["team": "billing", "empty": ""])
        try await scenario.bus.tag(rule, with: ["été 2026/Q3": "a_b.c:d=e+f-g@h 1"])
        #expect(
            try await scenario.bus.tags(of: bus) == [
                "team": "billing", "Team": "case counts", "cost-centre": "42", "empty": "",
            ])
        #expect(try await scenario.bus.tags(of: rule) == ["été 2026/Q3": "a_b.c:d=e+f-g@h 1"])
        try await scenario.bus.untag(bus, keys: ["Team", "absent"])
        #expect(try await scenario.bus.tags(of: bus) == ["team": "billing", "cost-centre": "42", "empty": ""])

        let tooMany = Dictionary(uniqueKeysWithValues: (0..<48).map { ("k\($0)", "v") })
        await expectBusError(.validation) { try await scenario.bus.tag(bus, with: tooMany) }
        #expect(try await scenario.bus.tags(of: bus).count == 3, "a refused request adds none of its tags")
        await expectBusError(.validation) { try await scenario.bus.tag(bus, with: ["": "v"]) }
        await expectBusError(.validation) {
            try await scenario.bus.tag(bus, with: ["k": String(repeating: "v", count: 257)])
        }
        await expectBusError(.validation) { try await scenario.bus.tag(bus, with: ["aws:owner": "v"]) }
        await expectBusError(.validation) { try await scenario.bus.tag(rule, with: ["k": "v<script>"]) }

        try await scenario.bus.deleteRule("r1", bus: busName)
        await expectBusError(.resourceNotFound) { _ = try await scenario.bus.tags(of: rule) }
        try await scenario.bus.putRule(EventRule(name: "r1", eventBusName: busName, eventPattern: #"{"source":["a"]}"#))
        #expect(try await scenario.bus.tags(of: rule).isEmpty, "a rule made again has none of the old one's tags")
        try await scenario.bus.deleteRule("r1", bus: busName)
        try await scenario.bus.deleteEventBus(busName)
        await expectBusError(.resourceNotFound) { _ = try await scenario.bus.tags(of: bus) }
    },
    .init("a rule of the default bus holds tags; a missing bus or rule is not found") { scenario in
        let rule = scenario.name("rule")
        try await scenario.bus.putRule(
            EventRule(name: rule, eventBusName: EventBusNames.default, eventPattern: #"{"source":["a"]}"#))
        try await scenario.bus.tag(.rule(rule, bus: EventBusNames.default), with: ["owner": "contract"])
        #expect(try await scenario.bus.tags(of: .rule(rule, bus: EventBusNames.default)) == ["owner": "contract"])
        try await scenario.bus.deleteRule(rule, bus: EventBusNames.default)
        let missing = scenario.name("missing")
        await expectBusError(.resourceNotFound) { _ = try await scenario.bus.tags(of: .bus(missing)) }
        await expectBusError(.resourceNotFound) { try await scenario.bus.tag(.bus(missing), with: ["k": "v"]) }
        await expectBusError(.resourceNotFound) {
            try await scenario.bus.untag(.rule(missing, bus: EventBusNames.default), keys: ["k"])
        }
    },
]
