import Foundation

/// Finds the `bootstrap` executable that `--process` runs.
enum BootstrapLocator {
    /// `explicit` when given, otherwise the `bootstrap` built next to this `stratus` executable.
    static func locate(_ explicit: String?) throws -> String {
        let path = explicit ?? Self.siblingOfCurrentExecutable()
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw CommandLineError(
                "No bootstrap executable at \(path): build it with `swift build --product bootstrap` or pass --bootstrap PATH"
            )
        }
        return path
    }

    private static func siblingOfCurrentExecutable() -> String {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return executable.deletingLastPathComponent().appendingPathComponent("bootstrap").path
    }
}
