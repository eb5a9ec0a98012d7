import ArgumentParser

/// The options that find a running `stratus serve` and its admin token, shared by the commands that read its
/// telemetry (`logs`, `traces`).
struct RunningServerOptions: ParsableArguments {
    @Option(name: .long, help: "The running stratus serve.")
    var endpoint = "http://127.0.0.1:3000"

    @Option(
        name: .customLong("data-dir"),
        help: "The --data-dir of that stratus serve, where its admin token is (or set STRATUS_ADMIN_TOKEN).")
    var dataDirectory = ".stratus"

    /// A client of that server's telemetry API.
    func telemetryClient() throws -> TelemetryClient {
        try TelemetryClient(endpoint: self.endpoint, dataDirectory: self.dataDirectory)
    }
}
