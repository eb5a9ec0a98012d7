import ArgumentParser
import Cloud
import Foundation

/// `stratus secrets put|delete NAME`: the local cloud's secrets, which functions read through their `SecretStore`
/// port. A value is read from standard input, never from the command line, where other users of the machine could
/// see it; and no command prints one.
struct SecretsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets",
        abstract:
            "Set or delete secrets: the local cloud's (in the data directory, mode 0600), or the provisioned ones.",
        subcommands: [Put.self, Delete.self]
    )

    /// Where the secrets are: the data folder's local store, or Secrets Manager with `--backend aws`.
    struct Store: ParsableArguments {
        @Option(name: .customLong("data-dir"), help: "The data directory of the server.")
        var dataDirectory = ".stratus"

        @OptionGroup var backend: BackendOptions

        /// The store, and the name it keeps the secret the app calls `name` under (the provisioned name on AWS).
        func open(_ name: String) throws -> (any SecretStore, String) {
            if let aws = try self.backend.aws(dataDirectory: self.dataDirectory) {
                return (try aws.secrets(), aws.secretName(name))
            }
            let data = LocalDataDirectory(path: self.dataDirectory)
            try data.restrictToOwner()
            return (data.secretStore, name)
        }
    }

    /// `stratus secrets put NAME < value`.
    struct Put: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a secret to the text on standard input (a trailing newline is dropped); prints its version."
        )

        @Argument(help: "The secret's name: 1-512 letters, digits and /_+=.@-")
        var name: String

        @OptionGroup var store: Store

        func run() async throws {
            let input = try FileHandle.standardInput.read(upToCount: SecretLimits.maximumValueSize + 2) ?? Data()
            var value = String(decoding: input, as: UTF8.self)
            if value.hasSuffix("\n") { value.removeLast() }
            guard !value.isEmpty else { throw CommandLineError("No value on standard input") }
            let (secrets, name) = try self.store.open(self.name)
            do {
                let version = try await secrets.putSecretValue(name, .string(value))
                print("\(name) version \(version)")
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

        @OptionGroup var store: Store

        func run() async throws {
            let (secrets, name) = try self.store.open(self.name)
            do {
                try await secrets.deleteSecret(name)
            } catch {
                throw CommandLineError(error.description)
            }
        }
    }
}
