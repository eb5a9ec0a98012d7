import JSONCoding
import NIOCore

/// An invocation received from the Runtime API.
struct Invocation: Sendable {
    var metadata: InvocationMetadata
    var event: ByteBuffer
}

/// The Runtime API's operations over one connection.
struct RuntimeAPIClient: Sendable {
    let connection: RuntimeAPIConnection

    /// Waits, without a time limit, for the next invocation.
    /// - Throws: ``LambdaRuntimeError/Code/malformedInvocation`` for an invocation whose headers break the protocol, ``LambdaRuntimeError/Code/runtimeAPIFailed``
    ///   when the Runtime API fails.
    func nextInvocation() throws(LambdaRuntimeError) -> Invocation {
        let response = try self.connection.send(RuntimeAPIRequest(target: .next))
        guard response.status == 200 else {
            throw LambdaRuntimeError(
                .runtimeAPIFailed,
                "GET /invocation/next answered \(response.status): \(String(buffer: response.body))")
        }
        let headers = response.headers
        guard let requestID = headers.first(name: RuntimeAPIHeader.requestID),
            InvocationMetadata.isSafeRequestID(requestID)
        else {
            throw LambdaRuntimeError.malformedInvocation(
                requestID: nil,
                "its \(RuntimeAPIHeader.requestID) header is missing or not a URL path "
                    + "segment of at most \(InvocationMetadata.maximumRequestIDLength) letters, digits, '-', '_' and '.'"
            )
        }
        guard
            let deadline = headers.first(name: RuntimeAPIHeader.deadline)
                .flatMap({ LambdaDeadline(header: $0, nowMilliseconds: WallClock.nowMilliseconds()) })
        else {
            throw LambdaRuntimeError.malformedInvocation(
                requestID: requestID,
                "its \(RuntimeAPIHeader.deadline) header is missing "
                    + "or not milliseconds since the epoch within a day of now")
        }
        guard let arn = headers.first(name: RuntimeAPIHeader.invokedFunctionARN) else {
            throw LambdaRuntimeError.malformedInvocation(
                requestID: requestID, "it has no \(RuntimeAPIHeader.invokedFunctionARN) header")
        }
        let metadata = InvocationMetadata(
            requestID: requestID,
            deadline: deadline,
            invokedFunctionARN: arn,
            traceID: headers.first(name: RuntimeAPIHeader.traceID),
            clientContext: headers.first(name: RuntimeAPIHeader.clientContext),
            cognitoIdentity: headers.first(name: RuntimeAPIHeader.cognitoIdentity),
            tenantID: headers.first(name: RuntimeAPIHeader.tenantID)
        )
        return Invocation(metadata: metadata, event: response.body)
    }

    /// Reports an invocation's outcome.
    /// - Throws: ``LambdaRuntimeError/Code/reportRefused`` when the Runtime API refuses this report with a 4xx
    ///   answer, ``LambdaRuntimeError/Code/runtimeAPIFailed`` when it fails.
    func report(_ outcome: InvocationOutcome, for requestID: String) throws(LambdaRuntimeError) {
        switch outcome {
        case .response(let body):
            try self.post(
                RuntimeAPIRequest(
                    target: .response(requestID: requestID),
                    headers: [("content-type", "application/json")],
                    body: body
                )
            )
        case .error(let report):
            try self.post(Self.errorRequest(.error(requestID: requestID), report: report))
        }
    }

    /// Reports a failure before the first invocation.
    func reportInitError(_ report: LambdaFunctionError) throws(LambdaRuntimeError) {
        try self.post(Self.errorRequest(.initError, report: report))
    }

    private static func errorRequest(
        _ target: RuntimeAPIRequest.Target, report: LambdaFunctionError
    ) -> RuntimeAPIRequest {
        let body = (try? StreamingJSONEncoder().encode(report)).map { ByteBuffer(bytes: $0) } ?? ByteBuffer()
        return RuntimeAPIRequest(
            target: target,
            headers: [
                ("content-type", "application/json"),
                (RuntimeAPIHeader.functionErrorType, report.errorType),
            ],
            body: body
        )
    }

    /// Posts and expects `202 Accepted`. A 4xx is the API refusing this one report (logged by the caller);
    /// anything else means the environment is broken and the runtime must exit.
    private func post(_ request: RuntimeAPIRequest) throws(LambdaRuntimeError) {
        let response = try self.connection.send(request)
        switch response.status {
        case 202:
            return
        case 400..<500:
            throw LambdaRuntimeError(
                .reportRefused,
                "POST \(request.target.path) was refused with \(response.status): \(String(buffer: response.body))")
        default:
            throw LambdaRuntimeError(
                .runtimeAPIFailed,
                "POST \(request.target.path) answered \(response.status): \(String(buffer: response.body))")
        }
    }
}
