public import Cloud
import JSONCoding
public import Testing

/// The behaviour every ``EventBus`` adapter must show, written against the ports only: events are observed where a
/// rule sends them, on queues of the ``MessageQueue`` the bus delivers to.
///
/// An adapter's test suite runs every check on a fresh bus with the queues it delivers to, a way to move its time
/// on, and a way to let it deliver what is due:
///
/// ```swift
/// @Test(arguments: EventBusContract.checks)
/// func contract(_ check: EventBusContract.Check) async throws {
///     let clock = ManualClock()
///     let queues = try SQLiteMessageQueue(path: ..., clock: clock)
///     let bus = try SQLiteEventBus(path: ..., queues: queues, clock: clock)
///     try await check.run(EventBusContract.Harness(bus: bus, queues: queues, advance: clock.advance) {
///         try await bus.deliverDue()
///     })
/// }
/// ```
///
/// A real service (EventBridge, moto, `stratus serve`) keeps its own time, which a test cannot move: its harness has
/// no `advance`, and it runs ``untimedChecks`` only, the checks that never wait for retention to pass.
///
/// Checks name their buses, queues, archives and replays with a fresh random prefix, so they may share one account.
public enum EventBusContract {
    /// What a check runs against.
    public struct Harness: Sendable {
        /// The adapter under test.
        public let bus: any EventBus
        /// The queues its queue targets and dead-letter queues are on.
        public let queues: any MessageQueue
        let advance: (@Sendable (Duration) async -> Void)?
        let settle: @Sendable () async throws -> Void

        /// A harness for `bus` delivering to `queues`, whose clock `advance` moves forward and which delivers what
        /// is due when `settle` is called.
        public init(
            bus: any EventBus,
            queues: any MessageQueue,
            advance: @escaping @Sendable (Duration) async -> Void,
            settle: @escaping @Sendable () async throws -> Void
        ) {
            self.bus = bus
            self.queues = queues
            self.advance = advance
            self.settle = settle
        }

        /// A harness for `bus` on a service that keeps its own time (EventBridge, moto, `stratus serve`): it runs
        /// the untimed checks only; `settle` returns once the bus has delivered what it accepted so far.
        public init(
            realTimeBus bus: any EventBus,
            queues: any MessageQueue,
            settle: @escaping @Sendable () async throws -> Void
        ) {
            self.bus = bus
            self.queues = queues
            self.advance = nil
            self.settle = settle
        }

        /// Whether the harness can move the bus's clock, which the timed checks need.
        public var controlsClock: Bool { self.advance != nil }
    }

    /// Thrown when a timed check is run on a harness that cannot move the bus's clock.
    public struct ClockNotControlled: Error, CustomStringConvertible {
        /// The check's name.
        public let check: String

        /// Says which check needs a clock the harness does not have.
        public var description: String { "\(self.check) moves the bus's clock, which this harness cannot" }
    }

    /// One named behaviour.
    public struct Check: Sendable, CustomTestStringConvertible {
        /// What the check shows, in a sentence.
        public let name: String
        /// Whether the check moves the bus's clock, so that only a harness that ``Harness/controlsClock`` can run it.
        public let isTimed: Bool
        let body: @Sendable (Scenario) async throws -> Void

        init(_ name: String, _ body: @escaping @Sendable (Scenario) async throws -> Void) {
            self.init(name, isTimed: false, body)
        }

        private init(_ name: String, isTimed: Bool, _ body: @escaping @Sendable (Scenario) async throws -> Void) {
            self.name = name
            self.isTimed = isTimed
            self.body = body
        }

        /// A check that waits for time to pass on the bus's clock.
        static func timed(_ name: String, _ body: @escaping @Sendable (Scenario) async throws -> Void) -> Check {
            Check(name, isTimed: true, body)
        }

        /// The check's name, as the test report shows it.
        public var testDescription: String { self.name }

        /// Runs the check against `harness`; a timed check on a harness that cannot move the clock throws
        /// ``ClockNotControlled``.
        public func run(_ harness: Harness) async throws {
            guard !self.isTimed || harness.controlsClock else { throw ClockNotControlled(check: self.name) }
            try await self.body(Scenario(harness: harness))
        }
    }

    /// Every check of the contract.
    public static var checks: [Check] {
        busChecks + putEventsChecks + routingChecks + targetInputChecks + archiveChecks + errorChecks + tagChecks
    }

    /// The checks that never move the bus's clock: what a service keeping its own time can run.
    public static var untimedChecks: [Check] {
        checks.filter { !$0.isTimed }
    }
}

/// One check's surroundings: the bus and queues, unique names, and the clock.
struct Scenario: Sendable {
    let harness: EventBusContract.Harness
    private let prefix = "contract-\(UInt32.random(in: 0...UInt32.max))"

    var bus: any EventBus { self.harness.bus }
    var queues: any MessageQueue { self.harness.queues }

    /// A name unique to this check.
    func name(_ stem: String) -> String {
        "\(self.prefix)-\(stem)"
    }

    /// Moves the bus's clock on by `duration`.
    func wait(_ duration: Duration) async {
        await self.harness.advance?(duration)
    }

    /// Creates a bus, a queue and a rule on the bus with `pattern` sending to the queue through `target` (the
    /// queue's plain target when `nil`); returns the bus and the queue.
    func route(
        _ pattern: String = #"{"source": ["orders"]}"#,
        rule: String = "to-queue",
        target: ((String) -> RuleTarget)? = nil
    ) async throws -> (bus: String, queue: String) {
        let bus = self.name("bus")
        let queue = self.name("queue")
        try await self.bus.createEventBus(bus)
        try await self.queues.createQueue(queue)
        try await self.bus.putRule(EventRule(name: rule, eventBusName: bus, eventPattern: pattern))
        let made = target?(queue) ?? RuleTarget(id: "queue", destination: .queue(queue))
        let failures = try await self.bus.putTargets([made], rule: rule, bus: bus)
        #expect(failures.isEmpty, "the target was refused: \(failures)")
        return (bus, queue)
    }

    /// Puts one event on `bus` and returns its id.
    @discardableResult
    func put(
        on bus: String,
        source: String = "orders",
        detailType: String = "OrderPlaced",
        detail: String = #"{"id": "o-1", "total": 42}"#,
        time: Int64? = nil,
        traceHeader: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let result = try await self.bus.putEvents([
            PutEventsEntry(
                source: source, detailType: detailType, detail: detail, timeMilliseconds: time, eventBusName: bus,
                traceHeader: traceHeader)
        ])
        return try #require(
            result.entries.first?.eventID, "the event was refused: \(result)", sourceLocation: sourceLocation)
    }

    /// Lets the bus deliver what is due, then takes (receives and deletes) every message on `queue`.
    func delivered(to queue: String) async throws -> [ReceivedMessage] {
        try await self.harness.settle()
        var messages: [ReceivedMessage] = []
        while true {
            let batch = try await self.queues.receive(from: queue, maxMessages: 10, waitTime: .zero)
            guard !batch.isEmpty else { return messages }
            for message in batch {
                try await self.queues.delete(receiptHandle: message.receiptHandle, from: queue)
            }
            messages += batch
        }
    }

    /// The bodies delivered to `queue`, parsed as JSON.
    func deliveredEvents(to queue: String, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> [JSONValue]
    {
        try await self.delivered(to: queue).map { message in
            try #require(
                JSONValue(parsing: Array(message.body.utf8)), "not JSON: \(message.body)",
                sourceLocation: sourceLocation)
        }
    }
}

/// Expects `body` to throw an ``EventBusError`` with `code`.
func expectBusError(
    _ code: EventBusError.Code,
    _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async {
    let error = await #expect(throws: EventBusError.self, comment, sourceLocation: sourceLocation) {
        try await body()
    }
    if let error {
        #expect(error.code == code, "unexpected error \(error)", sourceLocation: sourceLocation)
    }
}
