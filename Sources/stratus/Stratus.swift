import ArgumentParser

/// The Stratus command line.
@main
struct Stratus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stratus",
        abstract: "Build, run and measure Swift serverless backends.",
        subcommands: [
            ServeCommand.self, LogsCommand.self, TracesCommand.self, UsersCommand.self, TokenCommand.self,
            OpenAPICommand.self, QueuesCommand.self, SchedulesCommand.self,
            InvokeCommand.self, BenchCommand.self, EventsCommand.self, SecretsCommand.self, DLQCommand.self,
            ProvisionCommand.self,
        ]
    )
}
