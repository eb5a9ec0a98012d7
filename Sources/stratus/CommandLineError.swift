/// A failure the CLI reports as one line and a non-zero exit.
struct CommandLineError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
