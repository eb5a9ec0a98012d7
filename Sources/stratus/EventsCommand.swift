import ArgumentParser

/// `stratus events`: tools for EventBridge-style events and rules.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Work with EventBridge events and event patterns.",
        subcommands: [TestPatternCommand.self]
    )
}
