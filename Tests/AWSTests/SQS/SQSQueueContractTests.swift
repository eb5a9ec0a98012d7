import AWS
import Cloud
import MessageQueueContract
import StratusTesting
import Testing

/// The `MessageQueue` contract, run on ``SQSQueue`` over HTTP against moto and against `stratus serve`'s own `/_aws`
/// endpoint: one server for every check, started here and stopped by its pid at the end. moto keeps its own time, so only the untimed checks run; the timed ones
/// (visibility timeouts, delays, retention, deduplication windows, redrive after receives) run on the local queues.
@Suite struct SQSQueueContractTests {
    /// The untimed checks moto (5.2) cannot pass, by check name, and why: SQS itself behaves as the check says.
    static let motoGaps: [String: String] = [
        "a FIFO queue hands out each group's messages in order, with rising sequence numbers":
            "moto gives a FIFO message a sequence number only when it has an explicit deduplication id, and a random one"
    ]

    /// The untimed checks `stratus serve`'s endpoint cannot pass, by check name, and why.
    static let serveGaps: [String: String] = [:]

    @Test func untimedChecksPassAgainstMoto() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        let harness = MessageQueueContract.Harness(realTimeQueues: SQSQueue(client: try moto.client(.sqs)))
        await runContract(MessageQueueContract.untimedChecks, name: \.name, gaps: Self.motoGaps) { check in
            try await check.run(harness)
        }
    }

    @Test(.timeLimit(.minutes(5))) func untimedChecksPassAgainstServesEndpoint() async throws {
        let serve = try await StratusServeEndpoint()
        defer { serve.stop() }
        let harness = MessageQueueContract.Harness(realTimeQueues: SQSQueue(client: try serve.client(.sqs)))
        await runContract(MessageQueueContract.untimedChecks, name: \.name, gaps: Self.serveGaps) { check in
            try await check.run(harness)
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
