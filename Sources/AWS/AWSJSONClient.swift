package import Cloud
public import JSONCoding
public import LambdaRuntime
import Synchronization

/// Calls one AWS service over its JSON protocol (`awsJson1_0` or `awsJson1_1`): POSTs each operation's input to the
/// endpoint ``AWSEndpointResolver`` names with `X-Amz-Target: <prefix>.<operation>`, signed with Signature Version 4,
/// and returns the output, or throws the service's error as ``AWSJSONErrorParser`` reads it.
///
/// Failures worth another attempt are retried as the SDKs' standard mode does (``AWSRetryPolicy``,
/// ``AWSRetryQuota``), never past the caller's deadline; when the service says the request's time is off, the
/// signing clock is corrected by the server's `Date` and the call made once more.
///
/// ```swift
/// let sqs = AWSJSONClient(service: .sqs, region: "eu-west-1", credentials: chain, environment: .process)
/// let output = try await sqs.call("GetQueueUrl", ["QueueName": "orders"], deadline: context.deadline)
/// ```
public final class AWSJSONClient: Sendable {
    /// The service called.
    public let service: AWSServiceDescription
    /// The region signed for and resolved against.
    public let region: String
    /// The service's endpoint.
    let endpoint: HTTPURL
    private let credentials: any CredentialProvider
    private let transport: any AWSHTTPTransport
    private let clock: any Clock
    private let policy: AWSRetryPolicy
    private let quota: AWSRetryQuota
    private let attemptTimeout: Duration
    private let jitter: @Sendable () -> Double
    private let sleep: @Sendable (Duration) async throws -> Void
    /// What is added to the clock's time to sign: the server's clock minus ours, once a skew error showed it.
    private let clockOffsetMilliseconds: Mutex<Int64>
    /// The signing key of the day, derived once for all the client's requests.
    private let signingKeys = SigV4SigningKeys()

    /// A client for `service` in `region` at the endpoint `environment` resolves, signing with `credentials`,
    /// sending through `httpClient`; each attempt may take `attemptTimeout`.
    public convenience init(
        service: AWSServiceDescription, region: String, credentials: any CredentialProvider,
        environment: AWSEnvironment, httpClient: AWSHTTPClient, attemptTimeout: Duration = .seconds(30)
    ) throws(AWSServiceError) {
        try self.init(
            service: service, region: region, credentials: credentials, environment: environment,
            transport: httpClient, clock: SystemClock(), attemptTimeout: attemptTimeout)
    }

    /// A client as the public initializer makes it, with every collaborator stated: tests hand in a fake transport,
    /// a manual clock, fixed jitter and a sleep that only records.
    package init(
        service: AWSServiceDescription, region: String, credentials: any CredentialProvider,
        environment: AWSEnvironment, transport: any AWSHTTPTransport, clock: any Clock,
        policy: AWSRetryPolicy = AWSRetryPolicy(), quota: AWSRetryQuota = AWSRetryQuota(),
        attemptTimeout: Duration = .seconds(30),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) throws(AWSServiceError) {
        let text = AWSEndpointResolver.endpoint(
            serviceID: service.serviceID, endpointPrefix: service.endpointPrefix, region: region,
            environment: environment)
        guard let endpoint = HTTPURL(text) else {
            throw AWSServiceError(.invalidRequest, message: "The \(service.serviceID) endpoint \(text) is not a URL")
        }
        self.service = service
        self.region = region
        self.endpoint = endpoint
        self.credentials = credentials
        self.transport = transport
        self.clock = clock
        self.policy = policy
        self.quota = quota
        self.attemptTimeout = attemptTimeout
        self.jitter = jitter
        self.sleep = sleep
        self.clockOffsetMilliseconds = Mutex(0)
    }

    /// The milliseconds the signing clock is corrected by.
    package var clockOffset: Int64 { self.clockOffsetMilliseconds.withLock { $0 } }

    /// Calls `operation` with `input` and returns its output (`{}` when the service answers with no body); gives up
    /// when `deadline` has passed, retrying only while a retry can finish before it.
    public func call(
        _ operation: String, _ input: JSONValue, deadline: LambdaDeadline? = nil
    ) async throws(AWSServiceError) -> JSONValue {
        // Written straight from the value: the `Encodable` path would reach the same writer through a dynamic cast.
        var writer = JSONWriter()
        writer.value(input)
        let body = writer.bytes
        var attempt = 1
        var spent = 0
        var skewCorrected = false
        while true {
            let failure: AWSServiceError
            do throws(AWSServiceError) {
                let output = try await self.attempt(operation, body: body, deadline: deadline)
                self.quota.recordSuccess(spent: spent)
                return output
            } catch {
                failure = error
            }
            if !skewCorrected, self.correctClock(after: failure) {
                skewCorrected = true
                continue
            }
            guard attempt < self.policy.maximumAttempts, self.policy.isRetryable(failure) else { throw failure }
            let backoff = self.policy.backoff(beforeRetry: attempt, jitter: self.jitter())
            if let deadline, self.clock.nowMilliseconds + backoff.wholeMilliseconds >= deadline.millisecondsSinceEpoch {
                throw failure
            }
            guard let cost = self.quota.acquireRetry(after: failure) else { throw failure }
            spent += cost
            do {
                try await self.sleep(backoff)
            } catch {
                throw AWSServiceError(.timedOut, message: "\(operation) was cancelled while waiting to retry")
            }
            attempt += 1
        }
    }

    /// One signed exchange.
    private func attempt(
        _ operation: String, body: [UInt8], deadline: LambdaDeadline?
    ) async throws(AWSServiceError) -> JSONValue {
        var timeout = self.attemptTimeout
        if let deadline {
            let left = deadline.millisecondsSinceEpoch - self.clock.nowMilliseconds
            guard left > 0 else {
                throw AWSServiceError(.timedOut, message: "The deadline passed before \(operation) could be sent")
            }
            timeout = min(timeout, .milliseconds(left))
        }
        let request = try await self.signedRequest(operation, body: body)
        let response: AWSHTTPResponse
        do throws(AWSHTTPError) {
            response = try await self.transport.send(request, timeout: timeout)
        } catch {
            throw AWSServiceError(error)
        }
        guard response.status < 300 else { throw AWSJSONErrorParser.error(in: response) }
        if response.body.isEmpty { return [:] }
        guard let output = JSONValue(parsing: response.body) else {
            throw AWSServiceError(
                .invalidResponse, message: "\(operation) answered with a body that is not JSON",
                status: response.status,
                requestID: response.value(of: "x-amzn-RequestId"))
        }
        return output
    }

    private func signedRequest(_ operation: String, body: [UInt8]) async throws(AWSServiceError) -> AWSHTTPRequest {
        let credentials: AWSCredentials
        do {
            guard let found = try await self.credentials.credentials() else {
                throw AWSServiceError(.invalidRequest, message: "No AWS credentials are configured")
            }
            credentials = found
        } catch let error as AWSServiceError {
            throw error
        } catch {
            throw AWSServiceError(.invalidRequest, message: "The AWS credentials cannot be had: \(error)")
        }
        var request = SigV4Request(
            method: "POST", path: self.endpoint.target,
            headers: [
                .init("Host", self.endpoint.hostHeader),
                .init("Content-Type", self.service.contentType),
                .init("X-Amz-Target", self.service.targetPrefix + "." + operation),
            ],
            body: body)
        let now = self.clock.nowMilliseconds + self.clockOffset
        SigV4Signer(
            credentials: credentials, region: self.region, service: self.service.signingName, keys: self.signingKeys
        )
        .signHeaders(&request, at: AWSTimestamp(milliseconds: now))
        // The transport writes `Host` from the URL and leaves out the signed copy.
        let headers = request.headers.map { (name: $0.name, value: $0.value) }
        return AWSHTTPRequest(method: "POST", url: self.endpoint, headers: headers, body: body)
    }

    /// When `error` says the request's time was off and the server's `Date` shows our clock more than a minute
    /// away from its, corrects the signing clock and returns `true`.
    private func correctClock(after error: AWSServiceError) -> Bool {
        guard error.kind == .service, AWSClockSkew.isSkewError(error), let serverDate = error.serverDate else {
            return false
        }
        let offset = serverDate.milliseconds - self.clock.nowMilliseconds
        return self.clockOffsetMilliseconds.withLock { current in
            guard abs(offset - current) > AWSClockSkew.toleranceMilliseconds else { return false }
            current = offset
            return true
        }
    }
}
