import ArgumentParser
import Cloud
import Foundation
import LocalCloud

/// `stratus users …`: manages the local identity provider's accounts from the command line.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage the accounts of the local cloud's identity provider, or of the provisioned user pool.",
        subcommands: [AddToGroup.self, RemoveFromGroup.self]
    )

    /// The options every group change takes.
    struct GroupChange: ParsableArguments {
        @Option(name: .long, help: "The account's email.")
        var email: String

        @Option(name: .long, help: "The group, e.g. staff (members of staff manage every order).")
        var group: String

        @Option(name: .customLong("data-dir"), help: "The data directory of the server.")
        var dataDirectory = ".stratus"

        @OptionGroup var backend: BackendOptions

        func validate() throws {
            guard LocalIdentityProvider.isValidGroupName(self.group) else {
                throw ValidationError("--group must be 1 to 128 letters, digits, '-', '_' or '.'")
            }
        }

        /// Applies `change` to the identity provider (the local one, or the provisioned user pool) and explains a
        /// failure in one line.
        func apply(_ change: (any IdentityProvider) async throws(IdentityError) -> Void) async throws {
            let identity = try self.identityProvider()
            do {
                try await change(identity)
            } catch .userNotFound {
                throw CommandLineError("No account has the email \(self.email) (in \(self.dataDirectory))")
            } catch {
                throw CommandLineError("\(error)")
            }
        }

        private func identityProvider() throws -> any IdentityProvider {
            if let aws = try self.backend.aws(dataDirectory: self.dataDirectory) { return try aws.identity() }
            let data = LocalDataDirectory(path: self.dataDirectory)
            try data.restrictToOwner()
            return data.identityProvider(directory: try data.openIdentityDirectory(), issuer: try data.tokenIssuer())
        }
    }

    struct AddToGroup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-to-group",
            abstract: "Put an account into a group; its next tokens carry it (sign in again)."
        )

        @OptionGroup var options: GroupChange

        func run() async throws {
            try await self.options.apply { identity throws(IdentityError) in
                try await identity.addUser(email: self.options.email, toGroup: self.options.group)
            }
            print("Added \(self.options.email) to \(self.options.group)")
        }
    }

    struct RemoveFromGroup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove-from-group",
            abstract: "Take an account out of a group; tokens already issued keep it until they expire."
        )

        @OptionGroup var options: GroupChange

        func run() async throws {
            try await self.options.apply { identity throws(IdentityError) in
                try await identity.removeUser(email: self.options.email, fromGroup: self.options.group)
            }
            print("Removed \(self.options.email) from \(self.options.group)")
        }
    }
}
