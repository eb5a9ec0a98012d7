/// An error of the runtime itself, as opposed to one thrown by a handler: its ``Code`` says what went wrong, and
/// ``errorType`` is the name Lambda reports for it (for example `Runtime.ConfigInvalid`).
public struct LambdaRuntimeError: LambdaReportableError, Equatable {
    /// What went wrong.
    public enum Code: String, Sendable, Equatable {
        /// A variable of the environment Lambda sets is missing or not valid.
        case invalidConfiguration = "Runtime.ConfigInvalid"
        /// An invocation's client context or Cognito identity header is not valid JSON of its type.
        case invalidContext = "Runtime.LambdaContextUnmarshalError"
        /// The event could not be decoded as the handler's event type.
        case undecodableEvent = "Runtime.EventDecodingError"
        /// The Runtime API handed over an invocation whose headers break the protocol: a request id that is not a
        /// safe URL path segment, or a deadline or function ARN that is missing or far off.
        case malformedInvocation = "Runtime.MalformedInvocation"
        /// The Runtime API refused one report with a 4xx answer (an unknown request id, a response over the size
        /// limit): the invocation is lost, but the runtime goes on.
        case reportRefused = "Runtime.ReportRefused"
        /// The Runtime API connection failed or answered in a way the protocol does not allow: the runtime exits.
        case runtimeAPIFailed = "Runtime.APIFailure"
    }

    /// What went wrong.
    public let code: Code
    /// The details, in a sentence.
    public let message: String
    /// The invocation's request id, for a malformed invocation whose id is safe to use in a Runtime API path.
    package let requestID: String?

    package init(_ code: Code, _ message: String, requestID: String? = nil) {
        self.code = code
        self.message = message
        self.requestID = requestID
    }

    /// The error's code as Lambda's `errorType`, e.g. `Runtime.ConfigInvalid`.
    public var errorType: String { self.code.rawValue }
    /// What went wrong, in a sentence.
    public var description: String { self.message }

    /// The environment variable `variable` is not usable, for the reason `problem` gives (`"is not set"`).
    public static func invalidConfiguration(variable: String, problem: String) -> LambdaRuntimeError {
        LambdaRuntimeError(.invalidConfiguration, "\(variable) \(problem)")
    }

    /// An invocation that breaks the protocol for the reason given; `requestID` is its id when that is safe to report to.
    package static func malformedInvocation(requestID: String?, _ reason: String) -> LambdaRuntimeError {
        LambdaRuntimeError(
            .malformedInvocation, "The Runtime API sent a malformed invocation: \(reason)", requestID: requestID)
    }
}
