/// An error as a log line shows it: `{"name": type, "message": description}`. Logging `.stringConvertible(error)`
/// or passing `error:` gives the same object.
public struct ErrorDescription: CustomStringConvertible, Sendable {
    public let name: String
    public let message: String

    public init(_ error: any Error) {
        self.name = String(describing: type(of: error))
        self.message = String(describing: error)
    }

    public var description: String { "\(self.name): \(self.message)" }
}
