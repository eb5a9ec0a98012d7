public import Cloud

/// Sources asked in turn until one is configured: the first that answers gives the credentials, the first that fails
/// ends the search with its error.
public struct CredentialProviderChain: CredentialProvider {
    /// The sources, in the order they are asked.
    public let providers: [any CredentialProvider]

    /// A chain of `providers`.
    public init(_ providers: [any CredentialProvider]) {
        self.providers = providers
    }

    /// The SDKs' order: environment, web identity, profile files, container endpoint, instance metadata (IMDSv2).
    public static func standard(environment: AWSEnvironment, clock: any Clock) -> CredentialProviderChain {
        CredentialProviderChain([
            EnvironmentCredentialProvider(environment: environment),
            WebIdentityCredentialProvider(environment: environment, clock: clock),
            ProfileCredentialProvider(environment: environment, clock: clock),
            ContainerCredentialProvider(environment: environment),
            InstanceMetadataCredentialProvider(environment: environment, clock: clock),
        ])
    }

    /// The names of the sources joined by `, then `.
    public var name: String { self.providers.map(\.name).joined(separator: ", then ") }

    /// The first configured source's credentials; throws ``AWSCredentialsError/Code/noCredentials`` when none is.
    public func credentials() async throws -> AWSCredentials? {
        for provider in self.providers {
            if let credentials = try await provider.credentials() { return credentials }
        }
        throw AWSCredentialsError(.noCredentials, "No credentials: none of \(self.name) is configured")
    }
}
