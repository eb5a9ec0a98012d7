import ArgumentParser
import Cloud
import Foundation

/// `stratus secrets put|delete NAME`: the local cloud's secrets, which functions read through their `SecretStore`
/// port. A value is read from standard input, never from the command line, where other users of the machine could
/// see it; and no command prints one.
struct SecretsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets",
        abstract: "Set or delete the local cloud's secrets (kept in the data directory, mode 0600).",
        subcommands: [Put.self, Delete.self]
    )

    /// `stratus secrets put NAME < value`.
    struct Put: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a secret to the text on standard input (a trailing newline is dropped); prints its version."
        )

        @Argument(help: "The secret's name: 1-512 letters, digits and /_+=.@-")
        var name: String

        @Option(name: .customLong("data-dir"), help: "The data directory of the server.")
        var dataDirectory = ".stratus"

        func run() async throws {
            let input = try FileHandle.standardInput.read(upToCount: SecretLimits.maximumValueSize + 2) ?? Data()
            var value = String(decoding: input, as: UTF8.self)
            if value.hasSuffix("\n") { value.removeLast() }
            guard !value.isEmpty else { throw CommandLineError("No value on standard input") }
            let data = LocalDataDirectory(path: self.dataDirectory)
            try data.restrictToOwner()
            do {
                let version = try await data.secretStore.putSecretValue(self.name, .string(value))
                print("\(self.name) version \(version)")
            } catch {
                throw CommandLineError(error.description)
            }
        }
    }

    /// `stratus secrets delete NAME`.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a secret.")

        @Argument(help: "The secret's name.")
        var name: String

        @Option(name: .customLong("data-dir"), help: "The data directory of the server.")
        var dataDirectory = ".stratus"

        func run() async throws {
            do {
                try await LocalDataDirectory(path: self.dataDirectory).secretStore.deleteSecret(self.name)
            } catch {
                throw CommandLineError(error.description)
            }
        }
    }
}
