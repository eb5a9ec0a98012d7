import Cloud
import Foundation
import LocalCloud
import StratusTesting
import Testing

/// What the SQLite queues promise beyond the contract: their state survives a restart and `kill -9`, and their
/// receipt handles cannot be guessed.
@Suite struct SQLiteMessageQueueTests {
    /// Two requests that would each fit but together pass 50 tags: one is refused whole, the other kept whole.
    @Test func concurrentTagRequestsNeverLeaveMoreThanFiftyTags() async throws {
        let directory = try TemporaryDirectory()
        let queues = try SQLiteMessageQueue(path: directory.path("queues.sqlite"))
        try await queues.createQueue("tagged")
        let refusals = await withTaskGroup(of: Bool.self) { group in
            for side in ["a", "b"] {
                let tags = Dictionary(uniqueKeysWithValues: (0..<30).map { ("\(side)\($0)", side) })
                group.addTask {
                    do throws(MessageQueueError) {
                        try await queues.tag("tagged", with: tags)
                        return false
                    } catch {
                        return error.code == .invalidParameterValue
                    }
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(refusals == 1)
        let kept = try await queues.tags(of: "tagged")
        #expect(kept.count == 30)
        #expect(Set(kept.values).count == 1, "the kept request's tags, all of them and no other")
    }

    @Test func visibleInFlightAndDeadMessagesSurviveReopening() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("queues.sqlite")
        let clock = ManualClock()
        do {
            let queues = try SQLiteMessageQueue(path: path, clock: clock)
            try await queues.createQueue("dead")
            try await queues.createQueue(
                "work",
                configuration: QueueConfiguration(
                    visibilityTimeout: .seconds(10),
                    redrivePolicy: RedrivePolicy(deadLetterQueue: "dead", maxReceiveCount: 1)))
            _ = try await queues.send(OutgoingMessage(body: "doomed"), to: "work")
            _ = try await queues.receive(from: "work")
            clock.advance(by: .seconds(11))
            #expect(try await queues.receive(from: "work").isEmpty)
            try await queues.createQueue("plain", configuration: QueueConfiguration(visibilityTimeout: .seconds(10)))
            _ = try await queues.send(OutgoingMessage(body: "in flight"), to: "plain")
            _ = try await queues.receive(from: "plain")
            _ = try await queues.send(OutgoingMessage(body: "visible"), to: "plain")
        }
        let reopened = try SQLiteMessageQueue(path: path, clock: clock)
        let plain = try await reopened.attributes(of: "plain")
        #expect(plain.visibleMessages == 1)
        #expect(plain.inFlightMessages == 1)
        #expect(try await reopened.receive(from: "dead").map(\.body) == ["doomed"])
        clock.advance(by: .seconds(11))
        let bodies = try await reopened.receive(from: "plain", maxMessages: 10, waitTime: .zero).map(\.body)
        #expect(bodies.sorted() == ["in flight", "visible"])
    }

    @Test func receiptHandlesDifferPerReceiveAndAForgedOneIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let clock = ManualClock()
        let queues = try SQLiteMessageQueue(path: directory.path("queues.sqlite"), clock: clock)
        try await queues.createQueue("q", configuration: QueueConfiguration(visibilityTimeout: .seconds(1)))
        _ = try await queues.send(OutgoingMessage(body: "m"), to: "q")
        let first = try #require(try await queues.receive(from: "q").first)
        clock.advance(by: .seconds(2))
        let second = try #require(try await queues.receive(from: "q").first)
        #expect(first.receiptHandle != second.receiptHandle)
        // Same message, a token of the right shape that no receive issued.
        let forged = second.receiptHandle.split(separator: ".")[0] + "." + String(repeating: "0", count: 32)
        await #expect(
            throws: MessageQueueError(.receiptHandleIsInvalid, "The receipt handle was not issued for this message")
        ) {
            try await queues.delete(receiptHandle: String(forged), from: "q")
        }
    }

    @Test func visibilityChangesHideAMessageAtMost12HoursAfterItsReceive() async throws {
        let directory = try TemporaryDirectory()
        let clock = ManualClock()
        let queues = try SQLiteMessageQueue(path: directory.path("queues.sqlite"), clock: clock)
        try await queues.createQueue("q")
        _ = try await queues.send(OutgoingMessage(body: "long job"), to: "q")
        let message = try #require(try await queues.receive(from: "q").first)
        try await queues.changeVisibility(receiptHandle: message.receiptHandle, timeout: .seconds(43_200), in: "q")
        clock.advance(by: .seconds(3600))
        try await queues.changeVisibility(receiptHandle: message.receiptHandle, timeout: .seconds(39_600), in: "q")
        await #expect {
            try await queues.changeVisibility(receiptHandle: message.receiptHandle, timeout: .seconds(39_601), in: "q")
        } throws: { error in
            (error as? MessageQueueError)?.code == .invalidParameterValue
        }
    }

    /// On the system clock, a long poll wakes when a hidden message's visibility timeout ends, without a send.
    @Test func aLongPollWakesWhenAVisibilityTimeoutEnds() async throws {
        let directory = try TemporaryDirectory()
        let queues = try SQLiteMessageQueue(path: directory.path("queues.sqlite"))
        try await queues.createQueue("q", configuration: QueueConfiguration(visibilityTimeout: .seconds(1)))
        _ = try await queues.send(OutgoingMessage(body: "comes back"), to: "q")
        _ = try await queues.receive(from: "q")
        let started = ContinuousClock.now
        let again = try await queues.receive(from: "q", maxMessages: 1, waitTime: .seconds(20))
        #expect(again.map(\.receiveCount) == [2])
        // About 1 s on an idle machine; a poll that missed the wake-up would end only with its 20 s wait.
        #expect(ContinuousClock.now - started < .seconds(12))
    }

    /// Deleting the in-flight message of a FIFO group wakes a receive waiting on the queue for the group's next one.
    @Test func deletingAFIFOGroupsMessageWakesAWaitingReceive() async throws {
        let directory = try TemporaryDirectory()
        let queues = try SQLiteMessageQueue(path: directory.path("queues.sqlite"))
        try await queues.createQueue("q.fifo", configuration: QueueConfiguration(fifo: true))
        for body in ["first", "second"] {
            _ = try await queues.send(
                OutgoingMessage(body: body, messageGroupID: "g", deduplicationID: body), to: "q.fifo")
        }
        let first = try #require(try await queues.receive(from: "q.fifo").first)
        async let next = queues.receive(from: "q.fifo", maxMessages: 1, waitTime: .seconds(20))
        try await Task.sleep(for: .milliseconds(300))  // the receive is waiting on the blocked group
        try await queues.delete(receiptHandle: first.receiptHandle, from: "q.fifo")
        let deleted = ContinuousClock.now
        #expect(try await next.map(\.body) == ["second"])
        // Woken by the delete, not at the end of the 20 s wait (almost 20 s after the delete), on a busy machine too.
        #expect(ContinuousClock.now - deleted < .seconds(15))
    }

    /// A long poll whose task is cancelled ends empty instead of failing as if the service were unavailable.
    @Test func aCancelledLongPollEndsEmpty() async throws {
        let directory = try TemporaryDirectory()
        let queues = try SQLiteMessageQueue(path: directory.path("queues.sqlite"))
        try await queues.createQueue("q")
        let poll = Task { try await queues.receive(from: "q", maxMessages: 1, waitTime: .seconds(20)) }
        try await Task.sleep(for: .milliseconds(300))
        poll.cancel()
        #expect(try await poll.value.isEmpty)
        // Cancelled before its first look at the queue, it ends empty too, not as if the service were unavailable.
        let early = Task { try await queues.receive(from: "q", maxMessages: 1, waitTime: .seconds(20)) }
        early.cancel()
        #expect(try await early.value.isEmpty)
    }

    /// Redriving a dead-letter queue leaves its expired messages behind instead of giving them a new retention period.
    @Test func redriveSkipsExpiredMessages() async throws {
        let directory = try TemporaryDirectory()
        let clock = ManualClock()
        let queues = try SQLiteMessageQueue(path: directory.path("queues.sqlite"), clock: clock)
        try await queues.createQueue("dead", configuration: QueueConfiguration(retention: .seconds(60)))
        try await queues.createQueue(
            "work",
            configuration: QueueConfiguration(
                visibilityTimeout: .seconds(1),
                redrivePolicy: RedrivePolicy(deadLetterQueue: "dead", maxReceiveCount: 1)))
        _ = try await queues.send(OutgoingMessage(body: "old"), to: "work")
        _ = try await queues.receive(from: "work")
        clock.advance(by: .seconds(2))
        #expect(try await queues.receive(from: "work").isEmpty)  // moved to "dead"
        clock.advance(by: .seconds(120))
        #expect(try await queues.startMessageMove(from: "dead") == 0)
        #expect(try await queues.receive(from: "work").isEmpty)
    }

    @Test func aFileThatIsNotADatabaseIsAClearError() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("queues.sqlite")
        try Data("not SQLite".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try SQLiteMessageQueue(path: path)
        } throws: { error in
            guard let error = error as? MessageQueueError else { return false }
            return error.code == .unavailable && error.message.contains(path)
        }
    }

    /// A sender kills itself with SIGKILL while sends are under way: every send it reported done is in the file,
    /// visible or in flight, and the queue opens cleanly.
    @Test(.timeLimit(.minutes(1))) func everyAcknowledgedSendSurvivesKillMinus9() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("queues.sqlite")
        let run = try await runToCompletion("\(TestEnvironment.buildDirectory)/QueueWriter", [path, "300"])
        #expect(run.status == SIGKILL, "the writer died by SIGKILL, not \(run.status): \(run.errorText)")
        let acknowledged = run.outputText.split(separator: "\n").map(String.init)
        #expect(acknowledged.count == 300)
        // The writer hid some messages for a second of real time; a clock a minute ahead sees them all again.
        let later = ManualClock(nowMilliseconds: SystemClock().nowMilliseconds + 60_000)
        let queues = try SQLiteMessageQueue(path: path, clock: later)
        var found = Set<String>()
        while true {
            let batch = try await queues.receive(from: "durable", maxMessages: 10, waitTime: .zero)
            guard !batch.isEmpty else { break }
            found.formUnion(batch.map(\.body))
        }
        let missing = acknowledged.filter { !found.contains($0) }
        #expect(missing.isEmpty, "acknowledged sends lost: \(missing.prefix(10))")
    }
}
