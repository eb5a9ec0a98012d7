import Cloud
import JSONCoding
import LambdaRuntime
import StratusTesting
import Synchronization
import Testing

@testable import AWS

/// The JSON client's request shape, its standard-mode retries (what is retried, the quota, the deadline) and its
/// clock-skew correction, against a scripted transport and a manual clock.
struct AWSJSONClientTests {
    /// A client on `transport` whose backoff jitter is `jitter` and whose sleeps only move `clock` and are recorded.
    private func client(
        _ transport: ScriptedTransport, clock: ManualClock, quota: AWSRetryQuota = AWSRetryQuota(),
        jitter: Double = 0.5
    ) throws -> (AWSJSONClient, RecordedSleeps) {
        let sleeps = RecordedSleeps()
        let environment = AWSEnvironment([
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "secret",
        ])
        let client = try AWSJSONClient(
            service: .sqs, region: "us-east-1", credentials: EnvironmentCredentialProvider(environment: environment),
            environment: environment, transport: transport, clock: clock, quota: quota, jitter: { jitter },
            sleep: { duration in
                sleeps.record(duration)
                clock.advance(by: duration)
            })
        return (client, sleeps)
    }

    private func header(_ name: String, of request: AWSHTTPRequest) -> String? {
        request.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    @Test func postsTheOperationSignedWithTargetAndContentType() async throws {
        let transport = ScriptedTransport([ScriptedTransport.ok()])
        let (client, _) = try self.client(transport, clock: ManualClock())
        let output = try await client.call("GetQueueUrl", ["QueueName": "orders"])
        #expect(output["QueueUrl"] == "http://queue")
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(self.header("X-Amz-Target", of: request) == "AmazonSQS.GetQueueUrl")
        #expect(self.header("Content-Type", of: request) == "application/x-amz-json-1.0")
        #expect(
            self.header("Authorization", of: request)?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") == true)
        #expect(JSONValue(parsing: request.body) == ["QueueName": "orders"])
    }

    @Test func throttlingAndTransientErrorsAreRetriedWithFullJitterBackoff() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.error(400, "ThrottlingException"), ScriptedTransport.error(503, "ServiceUnavailable"),
            ScriptedTransport.ok(),
        ])
        let quota = AWSRetryQuota(tokens: 100)
        let (client, sleeps) = try self.client(transport, clock: ManualClock(), quota: quota, jitter: 0.5)
        _ = try await client.call("GetQueueUrl", ["QueueName": "orders"])
        #expect(transport.requests.count == 3)
        // Half of 1 s, then half of 2 s.
        #expect(sleeps.durations == [.milliseconds(500), .seconds(1)])
        // Two retries took 5 each; the success gave them back.
        #expect(quota.available == 100)
    }

    @Test func aNonRetryableErrorIsThrownAtOnce() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.error(
                400, "QueueDoesNotExist",
                headers: [("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")])
        ])
        let (client, sleeps) = try self.client(transport, clock: ManualClock())
        let error = await #expect(throws: AWSServiceError.self) {
            _ = try await client.call("GetQueueUrl", ["QueueName": "absent"])
        }
        #expect(error?.code == "AWS.SimpleQueueService.NonExistentQueue")
        #expect(transport.requests.count == 1)
        #expect(sleeps.durations.isEmpty)
    }

    @Test func aCallGetsThreeAttemptsInAll() async throws {
        let transport = ScriptedTransport(Array(repeating: ScriptedTransport.error(500, "InternalError"), count: 5))
        let (client, _) = try self.client(transport, clock: ManualClock())
        await #expect(throws: AWSServiceError.self) { _ = try await client.call("ListQueues", [:]) }
        #expect(transport.requests.count == 3)
    }

    @Test func anEmptyQuotaStopsRetrying() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.error(503, "ServiceUnavailable"), ScriptedTransport.error(503, "ServiceUnavailable"),
            ScriptedTransport.ok(),
        ])
        let quota = AWSRetryQuota(tokens: 7)
        let (client, _) = try self.client(transport, clock: ManualClock(), quota: quota)
        await #expect(throws: AWSServiceError.self) { _ = try await client.call("ListQueues", [:]) }
        // The first retry took 5 of the 7 tokens; the second could not be paid for.
        #expect(transport.requests.count == 2)
        #expect(quota.available == 2)
    }

    @Test func aTimeoutCostsTenTokens() async throws {
        let transport = ScriptedTransport([.failure(AWSHTTPError(.timedOut, "slow")), ScriptedTransport.ok()])
        let quota = AWSRetryQuota(tokens: 9)
        let (client, _) = try self.client(transport, clock: ManualClock(), quota: quota)
        let error = await #expect(throws: AWSServiceError.self) { _ = try await client.call("ListQueues", [:]) }
        #expect(error?.kind == .timedOut)
        #expect(transport.requests.count == 1)
    }

    @Test func noRetryWaitsPastTheDeadline() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport([ScriptedTransport.error(503, "ServiceUnavailable"), ScriptedTransport.ok()])
        let (client, sleeps) = try self.client(transport, clock: clock, jitter: 0.99)
        let deadline = LambdaDeadline(millisecondsSinceEpoch: clock.nowMilliseconds + 700)
        let error = await #expect(throws: AWSServiceError.self) {
            _ = try await client.call("ListQueues", [:], deadline: deadline)
        }
        #expect(error?.code == "ServiceUnavailable")
        #expect(transport.requests.count == 1)
        #expect(sleeps.durations.isEmpty)
    }

    @Test func nothingIsSentOnceTheDeadlineHasPassed() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport([ScriptedTransport.ok()])
        let (client, _) = try self.client(transport, clock: clock)
        let deadline = LambdaDeadline(millisecondsSinceEpoch: clock.nowMilliseconds - 1)
        let error = await #expect(throws: AWSServiceError.self) {
            _ = try await client.call("ListQueues", [:], deadline: deadline)
        }
        #expect(error?.kind == .timedOut)
        #expect(transport.requests.isEmpty)
    }

    @Test func aSkewErrorCorrectsTheSigningClockByTheServersDateAndRetriesOnce() async throws {
        let clock = ManualClock(nowMilliseconds: 1_764_686_400_000)  // 2025-12-02T14:40:00Z
        let serverTime = AWSTimestamp(milliseconds: clock.nowMilliseconds + 15 * 60_000)
        let transport = ScriptedTransport([
            ScriptedTransport.error(
                400, "InvalidSignatureException", headers: [("Date", "Tue, 02 Dec 2025 14:55:00 GMT")]),
            ScriptedTransport.ok(),
        ])
        let quota = AWSRetryQuota(tokens: 50)
        let (client, sleeps) = try self.client(transport, clock: clock, quota: quota)
        _ = try await client.call("ListQueues", [:])
        #expect(transport.requests.count == 2)
        #expect(self.header("X-Amz-Date", of: transport.requests[0]) == "20251202T144000Z")
        #expect(self.header("X-Amz-Date", of: transport.requests[1]) == serverTime.basicDateTime)
        #expect(client.clockOffset == 15 * 60_000)
        #expect(sleeps.durations.isEmpty)
        // The correction took no token, so the success adds the usual one.
        #expect(quota.available == 51)
    }

    @Test func aSignatureErrorWithTheServerInStepIsNotRetried() async throws {
        let clock = ManualClock(nowMilliseconds: 1_764_686_400_000)
        let transport = ScriptedTransport([
            ScriptedTransport.error(
                403, "InvalidSignatureException", headers: [("Date", "Tue, 02 Dec 2025 14:40:05 GMT")]),
            ScriptedTransport.ok(),
        ])
        let (client, _) = try self.client(transport, clock: clock)
        await #expect(throws: AWSServiceError.self) { _ = try await client.call("ListQueues", [:]) }
        #expect(transport.requests.count == 1)
        #expect(client.clockOffset == 0)
    }
}

/// The backoffs a client slept, in order.
final class RecordedSleeps: Sendable {
    private let recorded = Mutex<[Duration]>([])

    /// Every recorded duration.
    var durations: [Duration] { self.recorded.withLock { $0 } }

    /// Records `duration`.
    func record(_ duration: Duration) {
        self.recorded.withLock { $0.append(duration) }
    }
}
