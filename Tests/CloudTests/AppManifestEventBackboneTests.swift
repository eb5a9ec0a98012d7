import Cloud
import LambdaRuntime
import Testing

/// The manifest's rules for buses, queues, rules and triggers: each mistake is refused at start with a clear error.
@Suite("App manifest: the event backbone")
struct AppManifestEventBackboneTests {
    struct Nothing: LambdaHandler {
        func handle(_ event: [String: String], context: LambdaContext) async throws -> [String: String] { event }
    }

    static let orderEvents = #"{"source": ["orders"]}"#

    @Test func aConsistentBackboneIsAcceptedAndCollectsEveryRule() throws {
        let app = AppManifest("a", version: "1") {
            Bus("app", archiveDays: 7)
            Queue("work", deadLetterQueue: "work-dlq", maxReceiveCount: 5)
            Queue("work-dlq", retention: .seconds(14 * 86_400))
            Rule("to-work", on: "app", pattern: Self.orderEvents, targets: [.queue("work")])
            Function("worker") { _ in Nothing() }.queue("work", batchSize: 10)
            Function("audit") { _ in Nothing() }
                .events(rule: "audit-all", on: "app", pattern: Self.orderEvents)
                .schedule("rate(5 minutes)")
        }
        try app.validate()
        #expect(app.rules.map(\.name) == ["to-work", "audit-all"])
        #expect(app.rules.last?.targets == [.function("audit")])
        #expect(app.queue(named: "work")?.configuration.redrivePolicy?.maxReceiveCount == 5)
        #expect(app.buses.first?.archiveName == "app-archive")
        #expect(app.function(named: "audit")?.schedules.first?.expression == "rate(5 minutes)")
    }

    /// A redrive policy names a queue that must exist, so each dead-letter queue is made before the queues using it;
    /// the others keep their declaration order.
    @Test func deadLetterQueuesComeFirstInTheOrderQueuesAreMade() {
        let app = AppManifest("a", version: "1") {
            Queue("work", deadLetterQueue: "work-dlq", maxReceiveCount: 5)
            Queue("audit")
            Queue("work-dlq", deadLetterQueue: "last-resort", maxReceiveCount: 3)
            Queue("last-resort")
        }
        #expect(app.queuesDeadLettersFirst.map(\.name) == ["audit", "last-resort", "work-dlq", "work"])
    }

    @Test func namesThatAreNotDeclaredAreRefused() {
        let unknownQueue = AppManifest("a", version: "1") {
            Function("worker") { _ in Nothing() }.queue("missing")
        }
        #expect(throws: ManifestError.unknownQueue("missing", referencedBy: "function 'worker'")) {
            try unknownQueue.validate()
        }
        let unknownBus = AppManifest("a", version: "1") {
            Queue("q")
            Rule("r", on: "nowhere", pattern: Self.orderEvents, targets: [.queue("q")])
        }
        #expect(throws: ManifestError.unknownBus("nowhere", referencedBy: "rule 'r'")) { try unknownBus.validate() }
        let unknownDeadLetterQueue = AppManifest("a", version: "1") { Queue("q", deadLetterQueue: "gone") }
        #expect(throws: ManifestError.unknownQueue("gone", referencedBy: "queue 'q'")) {
            try unknownDeadLetterQueue.validate()
        }
        let unknownFunction = AppManifest("a", version: "1") {
            Rule("r", pattern: Self.orderEvents, targets: [.function("ghost")])
        }
        #expect(throws: ManifestError.invalidRule("r", "its target names no function of the app: 'ghost'")) {
            try unknownFunction.validate()
        }
    }

    @Test func anInvalidPatternIsRefusedWithEventBridgesReason() throws {
        let app = AppManifest("a", version: "1") {
            Queue("q")
            Rule("r", pattern: #"{"source": []}"#, targets: [.queue("q")])
        }
        let error = try #require(throws: ManifestError.self) { try app.validate() }
        guard case .invalidRule("r", let reason) = error else {
            Issue.record("expected an invalid rule, got \(error)")
            return
        }
        #expect(reason.hasPrefix("invalid event pattern: "))
        #expect(reason.count > "invalid event pattern: ".count)
    }

    @Test func deadLetterQueuesMayNotFormACycleOrMixKindsOrBeTheirOwn() {
        let cycle = AppManifest("a", version: "1") {
            Queue("a", deadLetterQueue: "b")
            Queue("b", deadLetterQueue: "c")
            Queue("c", deadLetterQueue: "a")
        }
        #expect(throws: ManifestError.deadLetterCycle(["a", "b", "c", "a"])) { try cycle.validate() }
        let itself = AppManifest("a", version: "1") { Queue("a", deadLetterQueue: "a") }
        #expect(throws: ManifestError.self) { try itself.validate() }
        let mixed = AppManifest("a", version: "1") {
            Queue("jobs.fifo", deadLetterQueue: "dlq")
            Queue("dlq")
        }
        let error = #expect(throws: ManifestError.self) { try mixed.validate() }
        #expect(error?.description.hasPrefix("Queue 'jobs.fifo': ") == true)
        #expect(error?.description.contains(".fifo") == true)
    }

    @Test func queueSettingsAndTriggersStayWithinAWSBounds() {
        let longVisibility = AppManifest("a", version: "1") { Queue("q", visibilityTimeout: .seconds(50_000)) }
        #expect(throws: ManifestError.self) { try longVisibility.validate() }
        let bigFIFOBatch = AppManifest("a", version: "1") {
            Queue("q.fifo")
            Function("f") { _ in Nothing() }.queue("q.fifo", batchSize: 11)
        }
        #expect(
            throws: ManifestError.invalidTrigger(
                function: "f", "The batch size 11 is not between 1 and 10 on a FIFO queue")
        ) {
            try bigFIFOBatch.validate()
        }
        let noWindow = AppManifest("a", version: "1") {
            Queue("q")
            Function("f") { _ in Nothing() }.queue("q", batchSize: 100)
        }
        #expect(
            throws: ManifestError.invalidTrigger(
                function: "f",
                "The batch size 100 is not between 1 and 10 without a batching window of at least 1 second")
        ) { try noWindow.validate() }
        let concurrency = AppManifest("a", version: "1") {
            Queue("q")
            Function("f") { _ in Nothing() }.queue("q", maximumConcurrency: 1)
        }
        #expect(
            throws: ManifestError.invalidTrigger(function: "f", "The maximum concurrency 1 is not between 2 and 1000")
        ) {
            try concurrency.validate()
        }
    }

    @Test func tableStreamTriggersStayWithinLambdasBoundsAndHaveValidFilters() throws {
        let valid = AppManifest("a", version: "1") {
            Function("relay") { _ in Nothing() }.tableStream(
                batchSize: 10_000, filterPattern: #"{"eventName": ["INSERT"]}"#)
        }
        try valid.validate()
        #expect(
            valid.function(named: "relay")?.tableStreams == [
                TableStreamTrigger(batchSize: 10_000, filterPattern: #"{"eventName": ["INSERT"]}"#)
            ])
        let tooBig = AppManifest("a", version: "1") {
            Function("relay") { _ in Nothing() }.tableStream(batchSize: 10_001)
        }
        #expect(
            throws: ManifestError.invalidTrigger(
                function: "relay", "a table stream's batch size must be 1–10000, got 10001")
        ) { try tooBig.validate() }
        let badFilter = AppManifest("a", version: "1") {
            Function("relay") { _ in Nothing() }.tableStream(filterPattern: #"{"eventName": []}"#)
        }
        #expect(throws: ManifestError.self) { try badFilter.validate() }
    }

    @Test func schedulesAreCheckedWithSchedulersRules() throws {
        let valid = AppManifest("a", version: "1") {
            Function("nightly") { _ in Nothing() }
                .schedule("cron(0 2 * * ? *)", timeZone: "Europe/Berlin")
                .schedule("rate(5 minutes)", input: #"{"kind":"sweep"}"#, flexibleWindowMinutes: 10)
        }
        let schedules = try valid.schedules()
        #expect(schedules.map(\.name) == ["nightly-schedule", "nightly-schedule-2"])
        #expect(schedules.first?.timeZoneIdentifier == "Europe/Berlin")
        #expect(schedules.allSatisfy { $0.target == .function("nightly") })
        for (expression, input, window) in [
            ("rate(1 minutes)", nil, nil), ("cron(0 2 * * * *)", nil, nil), ("rate(5 minutes)", "{not json", nil),
            ("rate(5 minutes)", nil, 0),
        ] as [(String, String?, Int?)] {
            let app = AppManifest("a", version: "1") {
                Function("f") { _ in Nothing() }.schedule(expression, input: input, flexibleWindowMinutes: window)
            }
            let error = #expect(throws: ManifestError.self) { try app.validate() }
            guard case .invalidTrigger(function: "f", _)? = error else {
                Issue.record("\(expression) was not refused as the function's trigger: \(String(describing: error))")
                continue
            }
        }
    }

    @Test func namesAreUniquePerKind() {
        let twoQueues = AppManifest("a", version: "1") {
            Queue("q")
            Queue("q")
        }
        #expect(throws: ManifestError.duplicateName(kind: "queue", "q")) { try twoQueues.validate() }
        let defaultBus = AppManifest("a", version: "1") { Bus("default") }
        #expect(throws: ManifestError.self) { try defaultBus.validate() }
        let twoRules = AppManifest("a", version: "1") {
            Queue("q")
            Rule("r", pattern: Self.orderEvents, targets: [.queue("q")])
            Rule("r", pattern: Self.orderEvents, targets: [.queue("q")])
        }
        #expect(throws: ManifestError.duplicateName(kind: "rule", "r")) { try twoRules.validate() }
    }
}
