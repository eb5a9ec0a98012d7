import AWS
import Benchmark
import JSONCoding
import LambdaRuntime

/// Temporary credentials, as Lambda hands a function its role's: the session token is signed and sent too.
let lambdaCredentials = AWSCredentials(
    accessKeyID: "ASIAZBENCHMARKEXAMPLE",
    secretAccessKey: "bench/K7MDENG+bPxRfiCYEXAMPLEKEYwJalrXUtn",
    sessionToken: String(repeating: "IQoJb3JpZ2luX2VjEBenchmarkSessionToken/", count: 20))

/// A strongly consistent GetItem of one order by its key, as ``DynamoDBItemStore`` sends it.
let getItemInput: JSONValue = [
    "TableName": "stratus", "Key": ["PK": ["S": "ORDER#o-1"], "SK": ["S": "ORDER"]], "ConsistentRead": true,
]

/// The order the responder answers with, about the size of a real one.
let getItemOutput = """
    {"Item":{"PK":{"S":"ORDER#o-1"},"SK":{"S":"ORDER"},"GSI1PK":{"S":"CUSTOMER#c-1"},"GSI1SK":{"S":"ORDER#2026-11-22"},\
    "status":{"S":"placed"},"currency":{"S":"EUR"},"total":{"N":"3998"},"items":{"L":[{"M":{"sku":{"S":"A-1"},\
    "quantity":{"N":"2"},"unitPrice":{"N":"1999"}}}]},"createdAt":{"S":"2026-11-22T21:36:49Z"}}}
    """

/// The one responder both round-trip benchmarks talk to, so that they differ only in the client.
let responder = Result { () throws(LoopbackSocket.Failure) in try FixedResponder(body: getItemOutput) }

/// A DynamoDB client of our own (signing, retries, deadline, NIO transport) pointed at the responder.
func responderClient(httpClient: AWSHTTPClient = AWSHTTPClient()) throws -> AWSJSONClient {
    let port = try responder.get().port
    return try AWSJSONClient(
        service: .dynamoDB, region: "eu-west-1",
        credentials: EnvironmentCredentialProvider(
            environment: AWSEnvironment([
                "AWS_ACCESS_KEY_ID": lambdaCredentials.accessKeyID,
                "AWS_SECRET_ACCESS_KEY": lambdaCredentials.secretAccessKey,
                "AWS_SESSION_TOKEN": lambdaCredentials.sessionToken ?? "",
            ])),
        environment: AWSEnvironment(["AWS_ENDPOINT_URL_DYNAMODB": "http://127.0.0.1:\(port)"]),
        httpClient: httpClient)
}

/// The bytes our client sends for one GetItem, as the responder received them: what the raw POST replays.
func clientRequestBytes() async throws -> [UInt8] {
    _ = try await responderClient().call("GetItem", getItemInput)
    guard let request = try responder.get().firstRequest else {
        throw SetupFailure(description: "The responder answered the client but kept no request")
    }
    return request
}

/// The benchmark handed to `InvocationThread.run`'s operation, which runs on the calling thread: the benchmark is
/// still used by one thread only.
struct SameThreadBenchmark: @unchecked Sendable {
    let value: Benchmark

    init(_ value: Benchmark) {
        self.value = value
    }
}

/// A benchmark's setup that could not be completed.
struct SetupFailure: Error, CustomStringConvertible {
    /// What went wrong.
    let description: String
}

let benchmarks: @Sendable () -> Void = {
    Benchmark(
        "SigV4: sign a DynamoDB GetItem request",
        configuration: .init(
            metrics: [.wallClock, .mallocCountTotal],
            // A thousand signings a sample: the figures are per signing, in nanoseconds so that the p50 keeps its
            // precision at the few microseconds the target asks.
            timeUnits: .nanoseconds, scalingFactor: .kilo, maxDuration: .seconds(3), maxIterations: 1_000)
    ) { benchmark in
        let signer = SigV4Signer(credentials: lambdaCredentials, region: "eu-west-1", service: "dynamodb")
        let unsigned = SigV4Request(
            method: "POST", path: "/",
            headers: [
                .init("Host", "dynamodb.eu-west-1.amazonaws.com"),
                .init("Content-Type", "application/x-amz-json-1.0"),
                .init("X-Amz-Target", "DynamoDB_20120810.GetItem"),
            ],
            body: try StreamingJSONEncoder().encode(getItemInput))
        let time = AWSTimestamp(milliseconds: 1_795_383_409_000)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var request = unsigned
            blackHole(signer.signHeaders(&request, at: time))
        }
    }

    // One exchange a sample, on one kept-alive connection to the same responder in both.
    let roundTrip = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal], warmupIterations: 200, scalingFactor: .one,
        maxDuration: .seconds(5), maxIterations: 20_000)

    Benchmark("Raw HTTP/1.1 POST of the same bytes (baseline)", configuration: roundTrip) {
        (benchmark: Benchmark, replay: (connection: RawHTTPConnection, request: [UInt8])) in
        for _ in benchmark.scaledIterations {
            blackHole(try replay.connection.exchange(replay.request))
        }
    } setup: {
        (try RawHTTPConnection(port: try responder.get().port), try await clientRequestBytes())
    }

    Benchmark("NIO POST of the same bytes from async code (informative)", configuration: roundTrip) {
        (benchmark: Benchmark, replay: (connection: NIOHTTPConnection, request: [UInt8])) in
        for _ in benchmark.scaledIterations {
            blackHole(try await replay.connection.exchange(replay.request))
        }
    } setup: {
        (try await NIOHTTPConnection(port: try responder.get().port), try await clientRequestBytes())
    }

    Benchmark("AWSJSONClient: DynamoDB GetItem call", configuration: roundTrip) {
        (benchmark: Benchmark, client: AWSJSONClient) in
        for _ in benchmark.scaledIterations {
            blackHole(try await client.call("GetItem", getItemInput))
        }
    } setup: {
        try responderClient()
    }

    // The calls a Lambda function's handler makes: on the invocation's thread, which the client blocks in its
    // exchange as the raw POST blocks its own (`InvocationThread.run` runs the loop as the runtime runs a handler).
    Benchmark("AWSJSONClient: DynamoDB GetItem call on a Lambda invocation's thread", configuration: roundTrip) {
        (benchmark: Benchmark, client: AWSJSONClient) in
        let benchmark = SameThreadBenchmark(benchmark)
        let failure = InvocationThread.run { () async -> String? in
            let benchmark = benchmark.value
            benchmark.startMeasurement()
            defer { benchmark.stopMeasurement() }
            for _ in benchmark.scaledIterations {
                do {
                    blackHole(try await client.call("GetItem", getItemInput))
                } catch {
                    return "\(error)"
                }
            }
            return nil
        }
        if let failure { throw SetupFailure(description: "A GetItem call failed: \(failure)") }
    } setup: {
        try responderClient()
    }

    // The same calls from a task that runs on the connection's event loop, as a gateway request's handler does:
    // the loop is entered once a sample, outside the measurement, and no measured call switches threads. The first
    // call after entering is not measured: entering sets the task's executor preference without moving the task, so
    // that call starts (encodes and signs) on the thread that entered and moves to the loop at its first suspension,
    // a thread switch that a gateway's request, already on its loop, never makes.
    Benchmark("AWSJSONClient: DynamoDB GetItem call on its connection's event loop", configuration: roundTrip) {
        (benchmark: Benchmark, clients: (json: AWSJSONClient, http: AWSHTTPClient)) in
        try await clients.http.withConnectionLoop { () async throws in
            blackHole(try await clients.json.call("GetItem", getItemInput))
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try await clients.json.call("GetItem", getItemInput))
            }
            benchmark.stopMeasurement()
        }
    } setup: {
        let http = AWSHTTPClient()
        return (try responderClient(httpClient: http), http)
    }
}
