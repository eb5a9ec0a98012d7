import AWS
import Cloud

/// How the CLI reaches an AWS-compatible endpoint: every service at `endpoint` (the process's `AWS_ENDPOINT_URL…`
/// variables give way to it), signed for `region` with the standard credential chain (an emulator takes any
/// credentials, e.g. `AWS_ACCESS_KEY_ID=testing`), over one HTTP client.
struct AWSConnection {
    /// The region used when neither `--region` nor the environment names one.
    static let defaultRegion = "us-east-1"

    let endpoint: String
    let region: String
    let environment: AWSEnvironment
    private let credentials: any CredentialProvider
    private let httpClient = AWSHTTPClient()

    /// A connection to `endpoint` in `region`, else the region `environment` names, else ``defaultRegion``.
    /// - Throws: ``CommandLineError`` when `endpoint` is not an `http` or `https` URL.
    init(endpoint: String, region: String?, environment: AWSEnvironment = .process) throws {
        guard endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://") else {
            throw CommandLineError(
                "--endpoint must be an http or https URL, e.g. http://127.0.0.1:5000; got \(endpoint)")
        }
        var variables = environment.variables.filter { name, _ in
            !name.hasPrefix("AWS_ENDPOINT_URL") && name != "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"
        }
        variables["AWS_ENDPOINT_URL"] = endpoint
        self.environment = AWSEnvironment(variables)
        self.endpoint = endpoint
        self.region = region ?? AWSPortsConfiguration(environment: environment).region ?? Self.defaultRegion
        let clock = SystemClock()
        self.credentials = CachingCredentialProvider(
            CredentialProviderChain.standard(environment: self.environment, clock: clock), clock: clock)
    }

    /// Checks that the credential chain finds credentials, before anything is asked of the endpoint.
    /// - Throws: ``CommandLineError`` saying where credentials come from (an emulator takes any).
    func requireCredentials() async throws {
        let reason: String
        do {
            guard try await self.credentials.credentials() == nil else { return }
            reason = "none is configured"
        } catch {
            reason = "\(error)"
        }
        throw CommandLineError(
            "No AWS credentials for \(self.endpoint) (\(reason)): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or a "
                + "profile; an emulator takes any, e.g. testing")
    }

    /// A client for `service` at the endpoint.
    func client(_ service: AWSServiceDescription) throws -> AWSJSONClient {
        do {
            return try AWSJSONClient(
                service: service, region: self.region, credentials: self.credentials, environment: self.environment,
                httpClient: self.httpClient)
        } catch {
            throw CommandLineError("Cannot reach \(service.serviceID) at \(self.endpoint): \(error.message)")
        }
    }
}
