import Cloud
import Testing

/// Long polling: a receive with a wait time returns as soon as a message arrives, and empty only once the wait is over.
/// These checks wait in real time, so they are few and short. A woken poll is timed from the send that wakes it: a poll
/// that is not woken ends only with its 20 s wait, almost 20 s after the send, while a machine busy with the whole
/// suite (which has stalled this process for seconds at a time) delays a woken one far less.
let longPollingChecks: [MessageQueueContract.Check] = [
    .init("a long poll returns as soon as a message is sent, not after its whole wait time") { queues, scenario in
        let name = scenario.name("polled")
        try await queues.createQueue(name)
        async let received = queues.receive(from: name, maxMessages: 10, waitTime: .seconds(20))
        // Real time, not the queues' clock: the receive must have found the queue empty and be waiting when the
        // message is sent, or this would only show that a receive finds a message already there.
        try await Task.sleep(for: .milliseconds(300))
        _ = try await queues.send(OutgoingMessage(body: "wake up"), to: name)
        let sent = ContinuousClock.now
        #expect(try await received.map(\.body) == ["wake up"])
        #expect(ContinuousClock.now - sent < .seconds(15), "woken by the send, not at the end of the 20 s wait")
    },
    .init("a long poll returns as soon as a visibility change makes a message visible again") { queues, scenario in
        let name = scenario.name("released")
        try await queues.createQueue(name)
        _ = try await queues.send(OutgoingMessage(body: "handed back"), to: name)
        let first = try await receiveOne(queues, from: name)
        async let received = queues.receive(from: name, maxMessages: 10, waitTime: .seconds(20))
        // As above: the receive must be waiting when the message is handed back.
        try await Task.sleep(for: .milliseconds(300))
        try await queues.changeVisibility(receiptHandle: first.receiptHandle, timeout: .zero, in: name)
        let released = ContinuousClock.now
        #expect(try await received.map(\.receiveCount) == [2])
        #expect(ContinuousClock.now - released < .seconds(15), "woken by the release, not at the end of the 20 s wait")
    },
    .init("a long poll on an empty queue returns empty after its wait time") { queues, scenario in
        let name = scenario.name("quiet")
        try await queues.createQueue(name, configuration: QueueConfiguration(receiveWaitTime: .seconds(1)))
        let started = ContinuousClock.now
        #expect(try await queues.receive(from: name, maxMessages: 1, waitTime: nil).isEmpty)
        #expect(ContinuousClock.now - started >= .seconds(1), "the queue's receive wait time applies")
    },
]
