import JSONCoding
import StratusTesting

@testable import AWS

/// A JSON client for `service` on a scripted transport, whose retries do not wait: the adapters' request shapes are
/// checked without a network.
func scriptedClient(_ service: AWSServiceDescription, _ transport: ScriptedTransport) throws -> AWSJSONClient {
    let environment = AWSEnvironment([
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret",
    ])
    return try AWSJSONClient(
        service: service, region: "eu-west-1", credentials: EnvironmentCredentialProvider(environment: environment),
        environment: environment, transport: transport, clock: ManualClock(), sleep: { _ in })
}

extension AWSHTTPRequest {
    /// The operation of `X-Amz-Target`, without the service's prefix.
    var operation: String? {
        self.headers.first { $0.name.lowercased() == "x-amz-target" }?.value.split(separator: ".").last.map(String.init)
    }

    /// The body, parsed.
    var input: JSONValue? { JSONValue(parsing: self.body) }
}
