public import Cloud
public import Testing

/// The behaviour every ``MessageQueue`` adapter must show, written against the port only.
///
/// An adapter's test suite runs every check on a fresh queue service with a way to move its time on:
///
/// ```swift
/// @Test(arguments: MessageQueueContract.checks)
/// func contract(_ check: MessageQueueContract.Check) async throws {
///     let clock = ManualClock()
///     try await check.run(MessageQueueContract.Harness(queues: makeQueues(clock: clock), advance: clock.advance))
/// }
/// ```
///
/// A real service (SQS, or moto standing in for it) keeps its own time, which a test cannot move: its harness has no
/// `advance`, and it runs ``untimedChecks`` only, the checks that never wait for visibility timeouts, delays,
/// retention or deduplication windows to pass.
///
/// Checks name their queues with a fresh random prefix, so they may share one service (one SQS account).
public enum MessageQueueContract {
    /// What a check runs against: the queues, and the clock they tell visibility, delays, retention and
    /// deduplication windows by.
    public struct Harness: Sendable {
        /// The adapter under test.
        public let queues: any MessageQueue
        let advance: (@Sendable (Duration) async -> Void)?

        /// A harness for `queues`, whose clock `advance` moves forward.
        public init(queues: any MessageQueue, advance: @escaping @Sendable (Duration) async -> Void) {
            self.queues = queues
            self.advance = advance
        }

        /// A harness for `queues` on a service that keeps its own time (a real SQS, moto): it runs the untimed
        /// checks only.
        public init(realTimeQueues queues: any MessageQueue) {
            self.queues = queues
            self.advance = nil
        }

        /// Whether the harness can move the queues' clock, which the timed checks need.
        public var controlsClock: Bool { self.advance != nil }
    }

    /// Thrown when a timed check is run on a harness that cannot move the queues' clock.
    public struct ClockNotControlled: Error, CustomStringConvertible {
        /// The check's name.
        public let check: String

        /// Says which check needs a clock the harness does not have.
        public var description: String { "\(self.check) moves the queues' clock, which this harness cannot" }
    }

    /// One named behaviour.
    public struct Check: Sendable, CustomTestStringConvertible {
        /// What the check shows, in a sentence.
        public let name: String
        /// Whether the check moves the queues' clock, so that only a harness that ``Harness/controlsClock`` can
        /// run it.
        public let isTimed: Bool
        let body: @Sendable (any MessageQueue, Scenario) async throws -> Void

        init(_ name: String, _ body: @escaping @Sendable (any MessageQueue, Scenario) async throws -> Void) {
            self.init(name, isTimed: false, body)
        }

        private init(
            _ name: String, isTimed: Bool, _ body: @escaping @Sendable (any MessageQueue, Scenario) async throws -> Void
        ) {
            self.name = name
            self.isTimed = isTimed
            self.body = body
        }

        /// A check that waits for time to pass on the queues' clock.
        static func timed(
            _ name: String, _ body: @escaping @Sendable (any MessageQueue, Scenario) async throws -> Void
        ) -> Check {
            Check(name, isTimed: true, body)
        }

        /// The check's name, as the test report shows it.
        public var testDescription: String { self.name }

        /// Runs the check against `harness`; a timed check on a harness that cannot move the clock throws
        /// ``ClockNotControlled``.
        public func run(_ harness: Harness) async throws {
            guard let advance = harness.advance else {
                guard !self.isTimed else { throw ClockNotControlled(check: self.name) }
                try await self.body(harness.queues, Scenario { _ in })
                return
            }
            try await self.body(harness.queues, Scenario(advance: advance))
        }
    }

    /// Every check of the contract.
    public static var checks: [Check] {
        queueChecks + deliveryChecks + deadLetterChecks + fifoChecks + batchChecks + longPollingChecks
            + validationChecks + catalogChecks + tagChecks
    }

    /// The checks that never move the queues' clock: what a service keeping its own time can run.
    public static var untimedChecks: [Check] {
        checks.filter { !$0.isTimed }
    }
}

/// One check's surroundings: its queue names and its clock.
struct Scenario: Sendable {
    let advance: @Sendable (Duration) async -> Void
    private let prefix = "contract-\(UInt32.random(in: 0...UInt32.max))"

    /// A queue name unique to this check; `.fifo` is appended for a FIFO queue.
    func name(_ stem: String, fifo: Bool = false) -> String {
        "\(self.prefix)-\(stem)" + (fifo ? ".fifo" : "")
    }

    /// Moves the queues' clock on by `duration`.
    func wait(_ duration: Duration) async {
        await self.advance(duration)
    }
}

/// Expects `body` to throw a ``MessageQueueError`` with `code`.
func expectQueueError(
    _ code: MessageQueueError.Code,
    _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async {
    do {
        try await body()
        Issue.record(
            "expected \(code.rawValue), but nothing was thrown. \(comment.map(String.init(describing:)) ?? "")",
            sourceLocation: sourceLocation)
    } catch let error as MessageQueueError {
        #expect(
            error.code == code, "unexpected error \(error). \(comment.map(String.init(describing:)) ?? "")",
            sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected \(code.rawValue), got \(error)", sourceLocation: sourceLocation)
    }
}

/// The only message a receive returns.
func receiveOne(
    _ queues: any MessageQueue,
    from queue: String,
    visibilityTimeout: Duration? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> ReceivedMessage {
    let messages = try await queues.receive(
        from: queue, maxMessages: 10, waitTime: .zero, visibilityTimeout: visibilityTimeout)
    return try #require(
        messages.count == 1 ? messages.first : nil, "received \(messages.count) messages, not 1",
        sourceLocation: sourceLocation)
}

/// The bodies a receive of up to ten messages returns, without waiting.
func receiveBodies(_ queues: any MessageQueue, from queue: String) async throws -> [String] {
    try await queues.receive(from: queue, maxMessages: 10, waitTime: .zero).map(\.body)
}
