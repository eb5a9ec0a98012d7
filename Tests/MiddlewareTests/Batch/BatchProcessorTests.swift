import LambdaEvents
import LambdaRuntime
import Middleware
import StratusTesting
import Synchronization
import Testing

@Suite("Batch processor")
struct BatchProcessorTests {
    /// A record body: which record it is, and whether its handler should fail.
    struct Job: Codable, Sendable {
        var name: String
        var fails = false
    }

    /// A batch of `m1`, `m2`, … whose bodies are jobs named like their message; those in `failing` fail.
    static func batch(_ count: Int, failing: Set<Int> = []) -> SQSEvent {
        SQSEvent(
            records: (1...count).map { index in
                SQSEvent.Message.test(
                    "m\(index)", body: #"{"name":"job-\#(index)","fails":\#(failing.contains(index))}"#)
            })
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String { "the job refused" }
    }

    /// Records which jobs ran, in order.
    final class Journal: Sendable {
        let names = Mutex<[String]>([])

        func handler() -> BatchProcessor<Job>.RecordHandler {
            { record, _ in
                self.names.withLock { $0.append(record.body.name) }
                if record.body.fails { throw Failure() }
            }
        }

        var ran: [String] { self.names.withLock { $0 } }
    }

    static func failures(_ response: SQSBatchResponse) -> [String] {
        response.batchItemFailures.map(\.itemIdentifier)
    }

    @Test func onlyTheFailedRecordsAreReportedAndEveryRecordRuns() async throws {
        let journal = Journal()
        let response = try await BatchProcessor(Job.self).process(
            Self.batch(4, failing: [2, 4]), context: .test(), handler: journal.handler())
        #expect(Self.failures(response) == ["m2", "m4"])
        #expect(journal.ran == ["job-1", "job-2", "job-3", "job-4"])
    }

    @Test func aBodyThatDoesNotDecodeIsAFailedRecord() async throws {
        let journal = Journal()
        var event = Self.batch(2)
        event.records.append(SQSEvent.Message.test("m3", body: "not json"))
        event.records.append(SQSEvent.Message.test("m4", body: #"{"fails":false}"#))
        let response = try await BatchProcessor(Job.self).process(event, context: .test(), handler: journal.handler())
        #expect(Self.failures(response) == ["m3", "m4"])
        #expect(journal.ran == ["job-1", "job-2"])
    }

    @Test func eachFailedRecordLogsItsMessageIDAndErrorButNotItsBody() async throws {
        let sink = InMemoryLogSink()
        var event = Self.batch(1, failing: [1])
        event.records.append(SQSEvent.Message.test("m2", body: #"{"name":"secret-body-text","fails":true}"#))
        event.records.append(SQSEvent.Message.test("m3", body: #"{"name":"fine","fails":false}"#))
        _ = try await BatchProcessor(Job.self).process(
            event, context: .test(logSink: sink), handler: Journal().handler())
        let failed = sink.lines.filter { $0.contains("Batch record failed") }
        #expect(failed.count == 2)
        #expect(failed[0].contains("messageId=m1") && failed[0].contains("the job refused"))
        #expect(failed[1].contains("messageId=m2"))
        #expect(!sink.lines.joined().contains("secret-body-text"))
    }

    @Test func fifoStopsAtTheFirstFailureAndReportsItAndEveryRecordAfterIt() async throws {
        let journal = Journal()
        let sink = InMemoryLogSink()
        let response = try await BatchProcessor(Job.self, mode: .fifo).process(
            Self.batch(5, failing: [2]), context: .test(logSink: sink), handler: journal.handler())
        #expect(Self.failures(response) == ["m2", "m3", "m4", "m5"])
        #expect(journal.ran == ["job-1", "job-2"], "nothing after the failure runs")
        #expect(sink.lines.contains { $0.contains("not processed") && $0.contains("m3") && $0.contains("m5") })
    }

    @Test func aFIFOBatchWithoutFailuresRunsEveryRecordInOrder() async throws {
        let journal = Journal()
        let response = try await BatchProcessor(Job.self, mode: .fifo).process(
            Self.batch(3), context: .test(), handler: journal.handler())
        #expect(response.batchItemFailures.isEmpty)
        #expect(journal.ran == ["job-1", "job-2", "job-3"])
    }

    @Test(arguments: [BatchProcessingMode.sequential, .fifo, .concurrent(limit: 3)])
    func aBatchInWhichEverythingFailedFailsTheInvocation(_ mode: BatchProcessingMode) async throws {
        let error = await #expect(throws: BatchProcessingError.self) {
            try await BatchProcessor(Job.self, mode: mode).process(
                Self.batch(3, failing: [1, 2, 3]), context: .test(), handler: Journal().handler())
        }
        #expect(error?.messageIDs == ["m1", "m2", "m3"])
    }

    @Test func withoutFailingTheInvocationAnAllFailedBatchReportsEveryRecord() async throws {
        let response = try await BatchProcessor(Job.self, failsWhenEveryRecordFails: false).process(
            Self.batch(2, failing: [1, 2]), context: .test(), handler: Journal().handler())
        #expect(Self.failures(response) == ["m1", "m2"])
    }

    @Test func anEmptyBatchSucceedsWithoutRunningAnything() async throws {
        let journal = Journal()
        for mode in [BatchProcessingMode.sequential, .fifo, .concurrent(limit: 4)] {
            let response = try await BatchProcessor(Job.self, mode: mode).process(
                SQSEvent(records: []), context: .test(), handler: journal.handler())
            #expect(response == SQSBatchResponse())
        }
        #expect(journal.ran.isEmpty)
    }

    @Test func theFailureObserverHearsOfFailedRecordsButNotOfThoseFIFOSkipped() async throws {
        let heard = Mutex<[String]>([])
        let processor = BatchProcessor(Job.self, mode: .fifo) { message, error in
            heard.withLock { $0.append("\(message.messageId): \(error)") }
        }
        _ = try await processor.process(
            Self.batch(3, failing: [2]), context: .test(), handler: Journal().handler())
        #expect(heard.withLock { $0 } == ["m2: the job refused"])
    }

    /// Counts the handlers in flight and remembers the most at once.
    final class Occupancy: Sendable {
        private let counts = Mutex((now: 0, most: 0))

        func enter() {
            self.counts.withLock {
                $0.now += 1
                $0.most = max($0.most, $0.now)
            }
        }
        func leave() { self.counts.withLock { $0.now -= 1 } }
        var now: Int { self.counts.withLock { $0.now } }
        var most: Int { self.counts.withLock { $0.most } }
    }

    /// With a limit of 3, the first three records are in their handlers at once (each waits until three are in), no
    /// more ever are, and the failures come back in the batch's order.
    @Test(.timeLimit(.minutes(1))) func concurrentModeRunsUpToItsLimitAtOnceAndReportsInBatchOrder() async throws {
        let occupancy = Occupancy()
        let processor = BatchProcessor(Job.self, mode: .concurrent(limit: 3))
        let response = try await processor.process(Self.batch(7, failing: [1, 5, 6]), context: .test()) {
            record, _ in
            occupancy.enter()
            defer { occupancy.leave() }
            if ["job-1", "job-2", "job-3"].contains(record.body.name) {
                try await eventually { occupancy.most >= 3 }
            }
            if record.body.fails { throw Failure() }
        }
        #expect(Self.failures(response) == ["m1", "m5", "m6"])
        #expect(occupancy.most == 3)
    }

    /// A handler that tries a whole batch at once gets every record decoded, in order, or nothing when one body is
    /// not a job.
    @Test func theDecodedRecordsOfABatchAreAllOfThemOrNone() {
        let processor = BatchProcessor(Job.self)
        let records = processor.decodedRecords(of: Self.batch(3))
        #expect(records?.map(\.body.name) == ["job-1", "job-2", "job-3"])
        #expect(records?.map(\.message.messageId) == ["m1", "m2", "m3"])

        var broken = Self.batch(3)
        broken.records[1] = .test("m2", body: #"{"title":"not a job"}"#)
        #expect(processor.decodedRecords(of: broken) == nil)
    }
}
