import Synchronization

@testable import AWS

/// A transport answering from a script, one entry per request, and remembering the requests: the JSON client's tests
/// run without a network or a clock that really passes.
final class ScriptedTransport: AWSHTTPTransport {
    private let script: Mutex<[Result<AWSHTTPResponse, AWSHTTPError>]>
    private let sent = Mutex<[AWSHTTPRequest]>([])

    /// A transport giving `answers` in order, then HTTP 500 to anything more.
    init(_ answers: [Result<AWSHTTPResponse, AWSHTTPError>]) {
        self.script = Mutex(answers)
    }

    /// The requests sent so far.
    var requests: [AWSHTTPRequest] { self.sent.withLock { $0 } }

    func send(_ request: AWSHTTPRequest, timeout: Duration) async throws(AWSHTTPError) -> AWSHTTPResponse {
        self.sent.withLock { $0.append(request) }
        let next = self.script.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        return try (next ?? .success(AWSHTTPResponse(status: 500))).get()
    }

    /// An error answer of the JSON protocol with `status`, `type` and further `headers`.
    static func error(
        _ status: Int, _ type: String, headers: [(name: String, value: String)] = []
    ) -> Result<AWSHTTPResponse, AWSHTTPError> {
        .success(
            AWSHTTPResponse(
                status: status, headers: headers, body: Array(#"{"__type":"\#(type)","message":"\#(type)"}"#.utf8)))
    }

    /// A success answer with `body`.
    static func ok(_ body: String = #"{"QueueUrl":"http://queue"}"#) -> Result<AWSHTTPResponse, AWSHTTPError> {
        .success(AWSHTTPResponse(status: 200, body: Array(body.utf8)))
    }
}
