import ArgumentParser
import Foundation
import LocalCloud

/// `stratus token --sub ID`: an access token from the local issuer, for trying routes that need one.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Print an access token signed by the local cloud's issuer (the one `stratus serve` trusts).",
        discussion: "For development only: it vouches for any user you name. Use the data directory of the server."
    )

    @Option(name: .customLong("sub"), help: "The user id the token is for.")
    var subject: String

    @Option(name: .long, help: "The user's email.")
    var email: String?

    @Option(name: .customLong("group"), help: "A group the user belongs to, e.g. staff (repeatable).")
    var groups: [String] = []

    @Option(name: .customLong("scope"), help: "A scope the token grants (repeatable).")
    var scopes: [String] = []

    @Option(name: .long, help: "How long the token is valid, in minutes (1-1440).")
    var minutes = 60

    @Option(name: .customLong("data-dir"), help: "The data directory of the server.")
    var dataDirectory = ".stratus"

    func validate() throws {
        guard !self.subject.isEmpty, self.subject.count <= 128 else {
            throw ValidationError("--sub must be 1 to 128 characters")
        }
        guard (1...1440).contains(self.minutes) else {
            throw ValidationError("--minutes must be between 1 and 1440, not \(self.minutes)")
        }
    }

    func run() async throws {
        let data = LocalDataDirectory(path: self.dataDirectory)
        try data.restrictToOwner()
        let issuer = try data.tokenIssuer()
        let token = try issuer.accessToken(
            subject: self.subject, email: self.email, groups: self.groups, scopes: self.scopes,
            lifetime: .seconds(self.minutes * 60)
        )
        FileHandle.standardOutput.write(Data((token + "\n").utf8))
    }
}
