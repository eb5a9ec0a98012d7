import Cloud
import JSONCoding
import LocalCloud
import StratusTesting
import Synchronization
import Testing

/// What the local bus adds to the contract: function targets with Lambda's asynchronous retries, dead-letter
/// queues with the attributes EventBridge and Lambda set, deliveries that survive the process, and the activity feed.
@Suite struct SQLiteEventBusDeliveryTests {
    /// A function host whose functions fail as often as told, recording each invocation.
    final class ScriptedFunctions: AsyncFunctionInvoker {
        private let failuresLeft: Mutex<Int>
        let invocations = Mutex<[String]>([])
        let exists: Bool

        init(failures: Int, exists: Bool = true) {
            self.failuresLeft = Mutex(failures)
            self.exists = exists
        }

        func invokeAsync(function: String, payload: String, traceHeader: String?) async -> AsyncInvocationOutcome {
            guard self.exists else { return .functionNotFound }
            self.invocations.withLock { $0.append(payload) }
            let fail = self.failuresLeft.withLock { left in
                defer { left -= 1 }
                return left > 0
            }
            return fail ? .functionError(message: "boom") : .succeeded
        }
    }

    struct Setup {
        let directory: TemporaryDirectory
        let clock = ManualClock()
        let queues: SQLiteMessageQueue
        let bus: SQLiteEventBus

        init(functions: (any AsyncFunctionInvoker)?, directory: TemporaryDirectory? = nil) throws {
            self.directory = try directory ?? TemporaryDirectory()
            self.queues = try SQLiteMessageQueue(path: self.directory.path("queues.sqlite"), clock: self.clock)
            self.bus = try SQLiteEventBus(
                path: self.directory.path("bus.sqlite"), queues: self.queues, functions: functions, clock: self.clock)
        }

        /// A rule sending `orders` events to `target`, and the dead-letter queue `dlq`.
        func route(to target: RuleTarget) async throws {
            try await self.queues.createQueue("dlq")
            try await self.bus.putRule(EventRule(name: "orders", eventPattern: #"{"source": ["orders"]}"#))
            #expect(try await self.bus.putTargets([target], rule: "orders", bus: "default").isEmpty)
        }

        /// A setup in `directory` whose `orders` rule sends to the queue `orders-queue`.
        static func routingToOrdersQueue(in directory: TemporaryDirectory) async throws -> Setup {
            let setup = try Setup(functions: nil, directory: directory)
            try await setup.queues.createQueue("orders-queue")
            try await setup.route(to: RuleTarget(id: "q", destination: .queue("orders-queue")))
            return setup
        }

        func put() async throws {
            let result = try await self.bus.putEvents([
                PutEventsEntry(source: "orders", detailType: "OrderPlaced", detail: #"{"id": "o-1"}"#)
            ])
            #expect(result.failedEntryCount == 0)
        }

        func deadLetters() async throws -> [ReceivedMessage] {
            try await self.queues.receive(from: "dlq", maxMessages: 10, waitTime: .zero)
        }
    }

    /// The outbox relay's envelopes keep their id and time, but like every event the bus accepts they are in the
    /// local account and the bus's region, whatever their writer put there.
    @Test func anEnvelopePutWholeTakesTheLocalAccountAndTheBusesRegion() async throws {
        let setup = try Setup(functions: nil)
        try await setup.queues.createQueue("seen")
        try await setup.route(to: RuleTarget(id: "seen", destination: .queue("seen")))
        let envelope = try OutboxEvent(
            id: "e-1", source: "orders", detailType: "OrderPlaced", time: "2026-12-05T10:00:00.000Z",
            detail: ["id": "o-1"] as JSONValue, account: "000000000000", region: "eu-west-3"
        ).envelope
        #expect(try await setup.bus.putEnvelopes([(envelope, nil)], bus: "default") == [true])
        #expect(try await setup.bus.deliverDue() == 1)
        let message = try #require(try await setup.queues.receive(from: "seen", maxMessages: 1, waitTime: .zero).first)
        let event = try #require(JSONValue(parsing: Array(message.body.utf8)))
        #expect(event["id"] == "e-1")
        #expect(event["account"] == .string(LocalAccount.id))
        #expect(event["region"] == "us-east-1")
    }

    @Test func aFailingFunctionIsRetriedByLambdasPolicyThenDeadLetteredWithLambdasAttributes() async throws {
        let functions = ScriptedFunctions(failures: 10)
        let setup = try Setup(functions: functions)
        try await setup.route(
            to: RuleTarget(id: "worker", destination: .function("worker"), deadLetterQueue: "dlq"))
        try await setup.put()
        #expect(try await setup.bus.deliverDue() == 1)
        #expect(try await setup.bus.deliverDue() == 0, "the first retry waits a minute")
        setup.clock.advance(by: .seconds(60))
        #expect(try await setup.bus.deliverDue() == 1)
        setup.clock.advance(by: .seconds(119))
        #expect(try await setup.bus.deliverDue() == 0, "the second retry waits two minutes")
        #expect(try await setup.deadLetters().isEmpty)
        setup.clock.advance(by: .seconds(1))
        #expect(try await setup.bus.deliverDue() == 1)
        #expect(functions.invocations.withLock { $0.count } == 3, "one invocation and Lambda's two retries")
        let dead = try #require(try await setup.deadLetters().first)
        #expect(JSONValue(parsing: Array(dead.body.utf8))?["source"] == "orders")
        #expect(dead.messageAttributes["ErrorCode"] == .number("200"))
        #expect(dead.messageAttributes["ErrorMessage"] == .string("boom"))
        #expect(dead.messageAttributes["RequestID"] != nil)
        #expect(try await setup.bus.pendingDeliveryCount() == 0)
    }

    @Test func aFunctionThatRecoversWithinItsRetriesIsNotDeadLettered() async throws {
        let functions = ScriptedFunctions(failures: 1)
        let setup = try Setup(functions: functions)
        try await setup.route(to: RuleTarget(id: "worker", destination: .function("worker"), deadLetterQueue: "dlq"))
        try await setup.put()
        try await setup.bus.deliverDue()
        setup.clock.advance(by: .seconds(60))
        try await setup.bus.deliverDue()
        #expect(functions.invocations.withLock { $0.count } == 2)
        #expect(try await setup.deadLetters().isEmpty)
        #expect(try await setup.bus.pendingDeliveryCount() == 0)
    }

    @Test func aMissingTargetIsDeadLetteredAtOnceWithEventBridgesAttributes() async throws {
        let setup = try Setup(functions: ScriptedFunctions(failures: 0, exists: false))
        try await setup.route(to: RuleTarget(id: "gone", destination: .queue("no-such-queue"), deadLetterQueue: "dlq"))
        try await setup.bus.putRule(EventRule(name: "fn", eventPattern: #"{"source": ["orders"]}"#))
        _ = try await setup.bus.putTargets(
            [RuleTarget(id: "fn", destination: .function("nothing"), deadLetterQueue: "dlq")], rule: "fn",
            bus: "default")
        try await setup.put()
        #expect(try await setup.bus.deliverDue() == 2)
        let dead = try await setup.deadLetters()
        #expect(dead.count == 2)
        let byRule = Dictionary(uniqueKeysWithValues: dead.map { ($0.messageAttributes["RULE_ARN"], $0) })
        let queueFailure = try #require(byRule[.string("arn:aws:events:us-east-1:123456789012:rule/orders")])
        #expect(queueFailure.messageAttributes["ERROR_CODE"] == .string("RESOURCE_NOT_FOUND"))
        #expect(
            queueFailure.messageAttributes["TARGET_ARN"] == .string("arn:aws:sqs:us-east-1:123456789012:no-such-queue"))
        #expect(queueFailure.messageAttributes["RETRY_ATTEMPTS"] == .number("0"))
        let functionFailure = try #require(byRule[.string("arn:aws:events:us-east-1:123456789012:rule/fn")])
        #expect(
            functionFailure.messageAttributes["TARGET_ARN"]
                == .string("arn:aws:lambda:us-east-1:123456789012:function:nothing"))
    }

    @Test func aDeliveryOwedBeforeItsTargetChangedGoesWhereTheTargetPointedWhenItsEventWasAccepted() async throws {
        let setup = try Setup(functions: nil)
        try await setup.queues.createQueue("before")
        try await setup.queues.createQueue("after")
        try await setup.route(to: RuleTarget(id: "q", destination: .queue("before")))
        try await setup.put()
        let moved = RuleTarget(id: "q", destination: .queue("after"))
        #expect(try await setup.bus.putTargets([moved], rule: "orders", bus: "default").isEmpty)
        try await setup.put()
        #expect(try await setup.bus.deliverDue() == 2)
        #expect(try await setup.queues.receive(from: "before", maxMessages: 10, waitTime: .zero).count == 1)
        #expect(try await setup.queues.receive(from: "after", maxMessages: 10, waitTime: .zero).count == 1)
    }

    @Test func aQueueTargetFailingPastItsRetryPolicyIsDeadLetteredWithTheConditionExhausted() async throws {
        // A queue that refuses the event: larger than its maximum message size.
        let setup = try Setup(functions: nil)
        try await setup.queues.createQueue("small", configuration: QueueConfiguration(maximumMessageSize: 1024))
        let policy = TargetRetryPolicy(maximumRetryAttempts: 2, maximumEventAgeSeconds: 3600)
        try await setup.route(
            to: RuleTarget(id: "small", destination: .queue("small"), deadLetterQueue: "dlq", retryPolicy: policy))
        let big = #"{"pad": "\#(String(repeating: "x", count: 2000))"}"#
        _ = try await setup.bus.putEvents([PutEventsEntry(source: "orders", detailType: "Big", detail: big)])
        for _ in 0..<3 {
            #expect(try await setup.bus.deliverDue() == 1)
            setup.clock.advance(by: .seconds(10))
        }
        let dead = try #require(try await setup.deadLetters().first)
        #expect(dead.messageAttributes["EXHAUSTED_RETRY_CONDITION"] == .string("MaximumRetryAttempts"))
        #expect(dead.messageAttributes["RETRY_ATTEMPTS"] == .number("2"))
        #expect(try await setup.bus.pendingDeliveryCount() == 0)
    }

    @Test func onePassSendsAQueueTargetsEventsInBatchesAndRetriesAloneTheOneTheQueueRefuses() async throws {
        let directory = try TemporaryDirectory()
        let clock = ManualClock()
        let queues = CountingMessageQueue(try SQLiteMessageQueue(path: directory.path("queues.sqlite"), clock: clock))
        let bus = try SQLiteEventBus(path: directory.path("bus.sqlite"), queues: queues, clock: clock)
        try await queues.createQueue("small", configuration: QueueConfiguration(maximumMessageSize: 1024))
        try await bus.putRule(EventRule(name: "orders", eventPattern: #"{"source": ["orders"]}"#))
        #expect(
            try await bus.putTargets(
                [RuleTarget(id: "q", destination: .queue("small"))], rule: "orders", bus: "default"
            ).isEmpty)
        let big = #"{"pad": "\#(String(repeating: "x", count: 2000))"}"#
        for details in [Array(repeating: "{}", count: 10), ["{}", big, "{}"]] {
            let entries = details.map { PutEventsEntry(source: "orders", detailType: "Placed", detail: $0) }
            #expect(try await bus.putEvents(entries).failedEntryCount == 0)
        }
        #expect(try await bus.deliverDue() == 13)
        #expect(queues.batches.withLock { $0 } == [10, 3], "thirteen deliveries to one queue in two batch sends")
        #expect(queues.sends.withLock { $0 } == 0)
        #expect(try await queues.attributes(of: "small").visibleMessages == 12)
        #expect(try await bus.pendingDeliveryCount() == 1, "the event the queue refused waits for its retry")
    }

    /// A rule and an archive stored with `{}` before the compiler refused empty objects: the bus still opens and
    /// routes with its other rules; those two match nothing.
    @Test func aBusWithPatternsStoredBeforeTheyWereRefusedStillOpensAndRoutes() async throws {
        let directory = try TemporaryDirectory()
        do {
            let first = try await Setup.routingToOrdersQueue(in: directory)
            try await first.bus.putRule(EventRule(name: "old", eventPattern: #"{"source": ["x"]}"#))
            try await first.bus.createArchive(
                EventArchive(name: "old-archive", sourceBus: "default", eventPattern: #"{"source": ["x"]}"#))
        }
        let rewrite = try await runToCompletion(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                    + "c.execute(\"UPDATE rules SET pattern = '{}' WHERE name = 'old'\"); "
                    + "c.execute(\"UPDATE archives SET pattern = '{}'\"); c.commit()",
                directory.path("bus.sqlite"),
            ])
        #expect(rewrite.status == 0, "\(rewrite.outputText)")
        let second = try Setup(functions: nil, directory: directory)
        try await second.put()
        #expect(try await second.bus.deliverDue() == 1, "the rule that still compiles routes")
        #expect(try await second.queues.receive(from: "orders-queue", maxMessages: 10, waitTime: .zero).count == 1)
        #expect(try await second.bus.listArchives().first?.eventCount == 0, "the archive keeps nothing")
    }

    @Test func anAcceptedEventSurvivesTheProcessAndIsDeliveredByTheNextOne() async throws {
        let directory = try TemporaryDirectory()
        do {
            let first = try await Setup.routingToOrdersQueue(in: directory)
            let offline = try SQLiteEventBus(path: directory.path("bus.sqlite"), clock: first.clock)
            _ = try await offline.putEvents([PutEventsEntry(source: "orders", detailType: "T", detail: "{}")])
            #expect(try await offline.deliverDue() == 0, "a bus without queues leaves queue deliveries pending")
        }
        let second = try Setup(functions: nil, directory: directory)
        #expect(try await second.bus.pendingDeliveryCount() == 1)
        try await second.bus.deliverDue()
        #expect(try await second.queues.receive(from: "orders-queue", maxMessages: 10, waitTime: .zero).count == 1)
        #expect(try await second.bus.pendingDeliveryCount() == 0)
    }

    @Test func theActivityFeedShowsEachEventWithTheRulesItMatchedAndKeepsTheLatest() async throws {
        let directory = try TemporaryDirectory()
        let bus = try SQLiteEventBus(path: directory.path("bus.sqlite"), activityCapacity: 2)
        try await bus.putRule(EventRule(name: "a", eventPattern: #"{"source": ["orders"]}"#))
        try await bus.putRule(EventRule(name: "b", eventPattern: #"{"detail-type": ["Paid"]}"#))
        for (source, type) in [("users", "New"), ("orders", "Placed"), ("orders", "Paid")] {
            _ = try await bus.putEvents([PutEventsEntry(source: source, detailType: type, detail: "{}")])
        }
        let feed = bus.activity.events()
        #expect(feed.map(\.matchedRules) == [["a"], ["a", "b"]])
        #expect(feed.map(\.sequence) == [2, 3])
        #expect(bus.activity.events(after: 2).map(\.detailType) == ["Paid"])
    }

    @Test func aReplayOfMoreEventsThanOnePageReplaysThemAllInOrderOfTime() async throws {
        let directory = try TemporaryDirectory()
        let clock = ManualClock()
        let bus = try SQLiteEventBus(path: directory.path("bus.sqlite"), clock: clock)
        try await bus.putRule(EventRule(name: "all", eventPattern: #"{"source": ["orders"]}"#))
        _ = try await bus.putTargets([RuleTarget(id: "q", destination: .queue("later"))], rule: "all", bus: "default")
        try await bus.createArchive(EventArchive(name: "archive", sourceBus: "default"))
        let count = 2 * 500 + 7
        for first in stride(from: 0, to: count, by: 10) {
            let entries = (first..<min(first + 10, count)).map { n in
                PutEventsEntry(
                    source: "orders", detailType: "N", detail: "{}", timeMilliseconds: Int64(count - n) * 1000)
            }
            #expect(try await bus.putEvents(entries).failedEntryCount == 0)
        }
        let replay = try await bus.startReplay(
            EventReplay(
                name: "big", archive: "archive", fromMilliseconds: 0, toMilliseconds: .max, destinationBus: "default"))
        #expect(replay.replayedEventCount == count)
        #expect(replay.eventLastReplayedMilliseconds == Int64(count) * 1000)
        #expect(try await bus.describeReplay("big") == replay)
        #expect(try await bus.pendingDeliveryCount() == 2 * count, "each event once live and once replayed")
    }

    @Test func theDeliveryLoopDeliversWithoutBeingAsked() async throws {
        let setup = try Setup(functions: nil)
        try await setup.queues.createQueue("orders-queue")
        try await setup.route(to: RuleTarget(id: "q", destination: .queue("orders-queue")))
        let loop = Task { await setup.bus.runDeliveries(pollInterval: .seconds(30)) }
        defer { loop.cancel() }
        try await setup.put()
        let messages = try await setup.queues.receive(from: "orders-queue", maxMessages: 1, waitTime: .seconds(10))
        #expect(messages.count == 1)
    }
}
