/// The Runtime API handed over an invocation whose headers break the protocol: a request id that is not a safe URL
/// path segment, or a deadline that is missing or far from now.
///
/// When the request id is safe, the invocation fails with this error (`Runtime.MalformedInvocation`) and the runtime
/// goes on serving; without one nothing can be reported, and the process ends with this description.
struct MalformedInvocation: LambdaReportableError {
    /// The invocation's request id, when it is safe to use in a Runtime API path.
    var requestID: String?
    var reason: String

    var errorType: String { "Runtime.MalformedInvocation" }
    var description: String { "The Runtime API sent a malformed invocation: \(self.reason)" }
}
