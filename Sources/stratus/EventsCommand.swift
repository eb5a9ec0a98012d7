import ArgumentParser

/// `stratus events`: tools for EventBridge-style events and rules.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Work with EventBridge events, event patterns and the local bus's archives.",
        subcommands: [TestPatternCommand.self, EventsReplayCommand.self, EventsTailCommand.self]
    )
}
