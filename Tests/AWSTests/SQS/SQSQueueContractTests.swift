import AWS
import Cloud
import MessageQueueContract
import StratusTesting
import Testing

/// The `MessageQueue` contract, run on ``SQSQueue`` against moto over HTTP: one moto server for every check, started
/// here and stopped by its pid at the end. moto keeps its own time, so only the untimed checks run; the timed ones
/// (visibility timeouts, delays, retention, deduplication windows, redrive after receives) run on the local queues.
@Suite struct SQSQueueContractTests {
    /// The untimed checks moto (5.2) cannot pass, by check name, and why: SQS itself behaves as the check says.
    static let motoGaps: [String: String] = [
        "a FIFO queue hands out each group's messages in order, with rising sequence numbers":
            "moto gives a FIFO message a sequence number only when it has an explicit deduplication id, and a random one"
    ]

    @Test func untimedChecksPassAgainstMoto() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        let environment = AWSEnvironment(moto.environment)
        let client = try AWSJSONClient(
            service: .sqs, region: "us-east-1", credentials: EnvironmentCredentialProvider(environment: environment),
            environment: environment, httpClient: AWSHTTPClient())
        let harness = MessageQueueContract.Harness(realTimeQueues: SQSQueue(client: client))
        for check in MessageQueueContract.untimedChecks {
            await withKnownIssue(Comment(rawValue: Self.motoGaps[check.name] ?? "")) {
                do {
                    try await check.run(harness)
                } catch {
                    Issue.record("\(check.name): \(error)")
                }
            } when: {
                Self.motoGaps[check.name] != nil
            }
        }
    }

    @Test func aTimedCheckFailsOnAHarnessThatCannotMoveTheClock() async throws {
        let timed = try #require(MessageQueueContract.checks.first { $0.isTimed })
        let environment = AWSEnvironment(["AWS_ENDPOINT_URL": "http://127.0.0.1:9"])
        let client = try AWSJSONClient(
            service: .sqs, region: "us-east-1", credentials: EnvironmentCredentialProvider(environment: environment),
            environment: environment, httpClient: AWSHTTPClient())
        await #expect(throws: MessageQueueContract.ClockNotControlled.self) {
            try await timed.run(MessageQueueContract.Harness(realTimeQueues: SQSQueue(client: client)))
        }
    }
}
