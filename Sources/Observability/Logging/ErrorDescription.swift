/// An error as a log line shows it: `{"name": type, "message": description}`. Logging `.stringConvertible(error)`
/// or passing `error:` gives the same object.
struct ErrorDescription: CustomStringConvertible, Sendable {
    let name: String
    let message: String

    init(_ error: any Error) {
        self.name = String(describing: type(of: error))
        self.message = String(describing: error)
    }

    var description: String { "\(self.name): \(self.message)" }
}
