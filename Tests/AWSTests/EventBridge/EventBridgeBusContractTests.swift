import AWS
import Cloud
import EventBusContract
import JSONCoding
import LocalCloud
import StratusTesting
import Testing

/// The `EventBus` contract, run on ``EventBridgeBus`` (with ``SQSQueue`` for the queues its rules deliver to) over
/// HTTP against moto, and against `stratus serve`'s own `/_aws` endpoint, so that both sides of that protocol are
/// checked against each other. Both keep their own time: only the untimed checks run; the retention check runs on
/// the local bus.
@Suite struct EventBridgeBusContractTests {
    /// The untimed checks moto (5.2) cannot pass, by check name, and why: EventBridge itself behaves as the check
    /// says.
    static let motoGaps: [String: String] = [
        "each entry succeeds or fails on its own, in order, with EventBridge's error codes and a failure count":
            "moto refuses the whole PutEvents request when one entry names a bus that does not exist",
        "the delivered event carries EventBridge's envelope: version, id, source, detail-type, account, region, time, resources, detail":
            "moto leaves the account out of the event it delivers to an SQS target",
        "an event goes to the queue of each rule it matches, with its trace header, and nowhere else":
            "moto does not pass an entry's TraceHeader on to the SQS message (AWSTraceHeader)",
        "a disabled rule routes nothing until it is enabled again; its targets stay":
            "moto routes events to the targets of a DISABLED rule",
        "InputPath sends only the part of the event it selects": "moto ignores a target's InputPath",
        "a constant Input is sent as it is, instead of the event, and listed with its target":
            "moto ignores a target's Input and sends the whole event",
        "a JSON template takes values raw outside strings and as text inside them, and the predefined variables":
            "moto fails with HTTP 500 on a JSON input template with placeholders outside strings",
        "a template of plain text takes strings as their text":
            "moto fails with HTTP 500 on a plain-text input template",
        "a target breaking EventBridge's bounds is refused on its own; a sixth target is LimitExceeded":
            "moto accepts more than five targets on a rule",
        "a replay sends the archived events of its window again with replay-name, to the rules named or to all":
            "moto replays every archived event with a new id, whatever the window and FilterArns, and describes no"
            + " EventLastReplayedTime; EventBridge itself does not count the events replayed (replayedEventCount)",
    ]

    /// The untimed checks that fail through `stratus serve`'s endpoint, by check name, and why: here the limit is
    /// EventBridge's protocol, which the adapter speaks, not the endpoint.
    static let serveGaps: [String: String] = [
        "a replay sends the archived events of its window again with replay-name, to the rules named or to all":
            "EventBridge's DescribeReplay has no count of the events replayed, so EventBridgeBus reports 0"
    ]

    @Test func untimedChecksPassAgainstMoto() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        // moto hands an event to its SQS targets before PutEvents answers: there is nothing to wait for.
        let harness = EventBusContract.Harness(
            realTimeBus: EventBridgeBus(client: try moto.client(.eventBridge)),
            queues: SQSQueue(client: try moto.client(.sqs))
        ) {}
        await runContract(EventBusContract.untimedChecks, name: \.name, gaps: Self.motoGaps) { check in
            try await check.run(harness)
        }
    }

    @Test(.timeLimit(.minutes(5))) func untimedChecksPassAgainstServesEndpoint() async throws {
        let serve = try await StratusServeEndpoint()
        defer { serve.stop() }
        // serve delivers after PutEvents answered; its own bus file says when nothing is owed any more.
        let deliveries = try SQLiteEventBus(path: serve.dataDirectory + "/bus.sqlite")
        let harness = EventBusContract.Harness(
            realTimeBus: EventBridgeBus(client: try serve.client(.eventBridge)),
            queues: SQSQueue(client: try serve.client(.sqs))
        ) {
            try await eventually(timeout: .seconds(30), interval: .milliseconds(20)) {
                try await deliveries.pendingDeliveryCount() == 0
            }
        }
        await runContract(EventBusContract.untimedChecks, name: \.name, gaps: Self.serveGaps) { check in
            try await check.run(harness)
        }
        // EventBridge deletes a bus that does not exist without a word, and so does the endpoint.
        let events = try serve.client(.eventBridge)
        #expect(try await events.call("DeleteEventBus", ["Name": "never-made"]) == [:])
    }

    @Test func theTimedCheckFailsOnAHarnessThatCannotMoveTheClock() async throws {
        let timed = try #require(EventBusContract.checks.first { $0.isTimed })
        let environment = AWSEnvironment(["AWS_ENDPOINT_URL": "http://127.0.0.1:9"])
        let client = try AWSJSONClient(
            service: .eventBridge, region: "us-east-1",
            credentials: EnvironmentCredentialProvider(environment: environment), environment: environment,
            httpClient: AWSHTTPClient())
        let queues = try AWSJSONClient(
            service: .sqs, region: "us-east-1", credentials: EnvironmentCredentialProvider(environment: environment),
            environment: environment, httpClient: AWSHTTPClient())
        await #expect(throws: EventBusContract.ClockNotControlled.self) {
            try await timed.run(
                EventBusContract.Harness(realTimeBus: EventBridgeBus(client: client), queues: SQSQueue(client: queues))
                {})
        }
    }
}
