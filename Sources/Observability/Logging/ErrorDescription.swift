import LambdaRuntime

/// An error as a log line shows it: `{"name": type, "message": description}`. Logging `.stringConvertible(error)`
/// or passing `error:` gives the same object.
public struct ErrorDescription: CustomStringConvertible, Sendable {
    /// The Swift type name of the error, e.g. `DecodingError`.
    public let name: String
    /// The error as `String(describing:)` prints it.
    public let message: String

    /// Describes `error` by its type name and its printed form.
    public init(_ error: any Error) {
        self.name = LambdaFunctionError.typeName(of: error)
        self.message = LambdaFunctionError.message(of: error)
    }

    /// `name: message`, the form a text log line shows.
    public var description: String { "\(self.name): \(self.message)" }
}
