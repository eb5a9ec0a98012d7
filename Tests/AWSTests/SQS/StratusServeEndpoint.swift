import AWS
import Foundation
import StratusTesting

/// `stratus serve` started for a suite, on a free port with its data in a temporary folder, reached by the AWS
/// clients at its `/_aws` endpoint as the aws CLI and the SDKs reach it; stopped by its pid.
final class StratusServeEndpoint: Sendable {
    /// The folder of the server's data (`bus.sqlite`, `queues.sqlite`, …).
    let dataDirectory: String
    /// Variables pointing an AWS client at the endpoint, in `us-east-1`, with dummy credentials.
    let environment: AWSEnvironment
    private let process: Process
    private let directory: TemporaryDirectory

    /// Starts `stratus serve` and waits until it serves.
    init() async throws {
        self.directory = try TemporaryDirectory()
        self.dataDirectory = self.directory.path("data")
        let (process, url, _) = try await StratusServe.start(dataDirectory: self.dataDirectory)
        self.process = process
        self.environment = AWSEnvironment([
            "AWS_ENDPOINT_URL": url.appendingPathComponent("_aws").absoluteString, "AWS_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
        ])
    }

    /// A client for `service` at the endpoint.
    func client(_ service: AWSServiceDescription) throws -> AWSJSONClient {
        try AWSJSONClient(
            service: service, region: "us-east-1",
            credentials: EnvironmentCredentialProvider(environment: self.environment), environment: self.environment,
            httpClient: AWSHTTPClient())
    }

    /// Stops the server by its process id and waits for it.
    func stop() {
        guard self.process.isRunning else { return }
        kill(self.process.processIdentifier, SIGTERM)
        self.process.waitUntilExit()
    }
}
