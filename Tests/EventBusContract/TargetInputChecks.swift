import Cloud
import JSONCoding
import Testing

/// What a target receives: the event, a constant input, the part `InputPath` selects, or the input transformer's
/// template filled in.
let targetInputChecks: [EventBusContract.Check] = [
    .init("a constant Input is sent as it is, instead of the event, and listed with its target") { scenario in
        let constant = #"{"job": "rebuild-search-index", "priority": 2}"#
        let (bus, queue) = try await scenario.route { queue in
            RuleTarget(id: "constant", destination: .queue(queue), input: constant)
        }
        try await scenario.put(on: bus)
        #expect(try await scenario.delivered(to: queue).map(\.body) == [constant])
        let listed = try await scenario.bus.listTargets(rule: "to-queue", bus: bus)
        #expect(listed.map(\.input) == [constant])
    },
    .init("InputPath sends only the part of the event it selects") { scenario in
        let (bus, queue) = try await scenario.route { queue in
            RuleTarget(id: "detail-only", destination: .queue(queue), inputPath: "$.detail")
        }
        try await scenario.put(on: bus, detail: #"{"id": "o-1", "lines": [{"sku": "a"}]}"#)
        #expect(try await scenario.deliveredEvents(to: queue) == [["id": "o-1", "lines": [["sku": "a"]]]])
    },
    .init("a JSON template takes values raw outside strings and as text inside them, and the predefined variables") {
        scenario in
        let template = """
            {"order": <id>, "text": "order <id> of <total>", "total": <total>, "lines": <lines>, "none": <missing>,
             "rule": "<aws.events.rule-name>", "at": "<aws.events.event.ingestion-time>", "event": <aws.events.event>}
            """
        let transformer = InputTransformer(
            inputPathsMap: [
                "id": "$.detail.id", "total": "$.detail.total", "lines": "$.detail.lines", "missing": "$.detail.nope",
            ],
            inputTemplate: template)
        let (bus, queue) = try await scenario.route(rule: "shaped") { queue in
            RuleTarget(id: "shaped", destination: .queue(queue), inputTransformer: transformer)
        }
        let id = try await scenario.put(on: bus, detail: #"{"id": "o-1", "total": 42, "lines": [1, 2]}"#)
        let input = try #require(try await scenario.deliveredEvents(to: queue).first)
        #expect(input["order"] == "o-1")
        #expect(input["text"] == "order o-1 of 42")
        #expect(input["total"] == 42)
        #expect(input["lines"] == [1, 2])
        #expect(input["none"] == .null)
        #expect(input["rule"] == "shaped")
        let at = try #require(input["at"]?.stringValue)
        #expect(at.hasSuffix("Z") && at.contains("T"), "an ISO 8601 time, not \(at)")
        #expect(input["event"]?["id"] == .string(id))
        #expect(input["event"]?["source"] == "orders")
        #expect(input["event"]?["detail"] == nil, "<aws.events.event> is the event without its detail")
    },
    .init("a template of plain text takes strings as their text") { scenario in
        let transformer = InputTransformer(
            inputPathsMap: ["id": "$.detail.id", "total": "$.detail.total"],
            inputTemplate: "Order <id> totals <total>")
        let (bus, queue) = try await scenario.route { queue in
            RuleTarget(id: "text", destination: .queue(queue), inputTransformer: transformer)
        }
        try await scenario.put(on: bus)
        #expect(try await scenario.delivered(to: queue).map(\.body) == ["Order o-1 totals 42"])
    },
    .init("a target breaking EventBridge's bounds is refused on its own; a sixth target is LimitExceeded") {
        scenario in
        let (bus, queue) = try await scenario.route()
        let both = RuleTarget(
            id: "both", destination: .queue(queue), inputPath: "$.detail",
            inputTransformer: InputTransformer(inputTemplate: "x"))
        let tooManyRetries = RuleTarget(
            id: "retries", destination: .queue(queue),
            retryPolicy: TargetRetryPolicy(maximumRetryAttempts: 186, maximumEventAgeSeconds: 3600))
        let tooOld = RuleTarget(
            id: "age", destination: .queue(queue),
            retryPolicy: TargetRetryPolicy(maximumRetryAttempts: 3, maximumEventAgeSeconds: 59))
        let lambdaRetries = RuleTarget(
            id: "lambda", destination: .function("f"),
            asyncInvocation: TargetRetryPolicy(maximumRetryAttempts: 3, maximumEventAgeSeconds: 3600))
        let badPath = RuleTarget(id: "path", destination: .queue(queue), inputPath: "detail")
        let inputAndPath = RuleTarget(id: "input", destination: .queue(queue), input: "{}", inputPath: "$.detail")
        let fine = RuleTarget(id: "fine", destination: .queue(queue))
        let failures = try await scenario.bus.putTargets(
            [both, tooManyRetries, tooOld, lambdaRetries, badPath, inputAndPath, fine], rule: "to-queue", bus: bus)
        #expect(failures.map(\.targetID) == ["both", "retries", "age", "lambda", "path", "input"])
        #expect(failures.allSatisfy { $0.errorCode == "ValidationException" })
        #expect(try await scenario.bus.listTargets(rule: "to-queue", bus: bus).map(\.id) == ["fine", "queue"])
        let more = (1...4).map { RuleTarget(id: "more-\($0)", destination: .queue(queue)) }
        await expectBusError(.limitExceeded) { _ = try await scenario.bus.putTargets(more, rule: "to-queue", bus: bus) }
        #expect(try await scenario.bus.listTargets(rule: "to-queue", bus: bus).count == 2)
    },
]
