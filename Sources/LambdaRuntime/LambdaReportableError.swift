/// An error that names the `errorType` Lambda reports for it, such as `Runtime.HandlerNotFound`.
public protocol LambdaReportableError: Error, Sendable, CustomStringConvertible {
    var errorType: String { get }
}
