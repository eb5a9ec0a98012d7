import ArgumentParser

/// `stratus bench ...`: measurements quoted as ratios against a baseline measured in the same run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Stratus against a baseline in the same run.",
        subcommands: [
            RuntimeBenchCommand.self, BareHTTPCommand.self, RelayBenchCommand.self, DynamoDBBenchCommand.self,
        ]
    )
}
