/// A function's error as Lambda reports it: the JSON body the Runtime API takes on `/invocation/{id}/error` and
/// `/init/error`, and what an invoker receives with `X-Amz-Function-Error`.
public struct LambdaFunctionError: Codable, Sendable, Equatable, Error {
    /// A human-readable description of what went wrong.
    public var errorMessage: String
    /// The error's kind, e.g. the Swift type name or a ``LambdaReportableError``'s own type; shown in
    /// `X-Amz-Function-Error` reports.
    public var errorType: String
    /// Where the error came from, one entry a frame; empty when the reporter gave none.
    public var stackTrace: [String]

    /// Creates an error report from its parts.
    public init(errorMessage: String, errorType: String, stackTrace: [String] = []) {
        self.errorMessage = errorMessage
        self.errorType = errorType
        self.stackTrace = stackTrace
    }

    /// Describes any error thrown by a handler or an initialiser.
    ///
    /// A ``LambdaReportableError`` names its own type; any other error is named by its Swift type.
    public init(describing error: any Error) {
        if let report = error as? LambdaFunctionError {
            self = report
        } else if let reportable = error as? any LambdaReportableError {
            self.init(errorMessage: reportable.description, errorType: reportable.errorType)
        } else {
            self.init(errorMessage: Self.message(of: error), errorType: Self.typeName(of: error))
        }
    }

    /// The name of `error`'s type as `String(describing: type(of: error))` writes it, without that call's search
    /// of the metatype's conformances and its reflection (about half a millisecond on a cold start).
    package static func typeName(of error: any Error) -> String {
        _typeName(type(of: error), qualified: false)
    }

    /// `error` as `String(describing:)` writes it, asking first for the description most errors have.
    package static func message(of error: any Error) -> String {
        (error as? any CustomStringConvertible)?.description ?? String(describing: error)
    }

    /// The report for an invocation that was still running at its deadline.
    public static func timeout(after duration: Duration) -> LambdaFunctionError {
        let seconds = (duration.inMilliseconds / 1000).formattedWithTwoDecimals
        return LambdaFunctionError(
            errorMessage: "Task timed out after \(seconds) seconds", errorType: Self.timeoutErrorType)
    }

    /// The `errorType` Lambda gives an invocation that ran past its deadline.
    public static let timeoutErrorType = "Sandbox.Timedout"

    /// The report for a response larger than Lambda lets a function return.
    public static func responseTooLarge(bytes: Int) -> LambdaFunctionError {
        LambdaFunctionError(
            errorMessage: "Response payload size (\(bytes) bytes) exceeded maximum allowed payload size "
                + "(\(LambdaLimits.maxResponseBytes) bytes).",
            errorType: "Function.ResponseSizeTooLarge"
        )
    }
}
