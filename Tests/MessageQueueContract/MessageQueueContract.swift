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
/// Checks name their queues with a fresh random prefix, so they may share one service (one SQS account).
public enum MessageQueueContract {
    /// What a check runs against: the queues, and the clock they tell visibility, delays, retention and
    /// deduplication windows by.
    public struct Harness: Sendable {
        /// The adapter under test.
        public let queues: any MessageQueue
        let advance: @Sendable (Duration) async -> Void

        /// A harness for `queues`, whose clock `advance` moves forward.
        public init(queues: any MessageQueue, advance: @escaping @Sendable (Duration) async -> Void) {
            self.queues = queues
            self.advance = advance
        }
    }

    /// One named behaviour.
    public struct Check: Sendable, CustomTestStringConvertible {
        /// What the check shows, in a sentence.
        public let name: String
        let body: @Sendable (any MessageQueue, Scenario) async throws -> Void

        init(_ name: String, _ body: @escaping @Sendable (any MessageQueue, Scenario) async throws -> Void) {
            self.name = name
            self.body = body
        }

        /// The check's name, as the test report shows it.
        public var testDescription: String { self.name }

        /// Runs the check against `harness`.
        public func run(_ harness: Harness) async throws {
            try await self.body(harness.queues, Scenario(advance: harness.advance))
        }
    }

    /// Every check of the contract.
    public static var checks: [Check] {
        queueChecks + deliveryChecks + deadLetterChecks + fifoChecks + batchChecks + longPollingChecks
            + validationChecks + catalogChecks
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
