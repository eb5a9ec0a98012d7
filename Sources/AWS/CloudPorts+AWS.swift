public import Cloud

extension CloudPorts {
    /// The ports of a Lambda function on AWS, from `environment` (see ``AWSPortsConfiguration``): the store on
    /// DynamoDB and the secrets on Secrets Manager, sharing one HTTP client and the standard credential chain.
    ///
    /// Building them makes no network call and starts no event loop: the HTTP client connects, and the credentials
    /// are read, at the first call, so a function's cold start does not pay for ports it does not use. A port whose
    /// configuration is missing fails each call with a reason naming what to set; the identity provider and the
    /// notifier have no AWS adapter in this runtime yet and are unavailable.
    public static func aws(environment: AWSEnvironment, clock: any Clock = SystemClock()) -> CloudPorts {
        let configuration = AWSPortsConfiguration(environment: environment)
        guard let region = configuration.region else {
            return .unconfigured(
                "No AWS region is configured: set AWS_REGION (Lambda sets it) or AWS_DEFAULT_REGION", clock: clock)
        }
        let httpClient = AWSHTTPClient(configuration: AWSHTTPClient.Configuration(environment: environment))
        let credentials = CachingCredentialProvider(
            CredentialProviderChain.standard(environment: environment, clock: clock), clock: clock)
        func client(_ service: AWSServiceDescription) throws(AWSServiceError) -> AWSJSONClient {
            try AWSJSONClient(
                service: service, region: region, credentials: credentials, environment: environment,
                httpClient: httpClient)
        }

        let store: any ItemStore
        if let tableName = configuration.tableName {
            do {
                store = DynamoDBItemStore(client: try client(.dynamoDB), tableName: tableName, clock: clock)
            } catch {
                store = UnavailableItemStore(reason: error.message)
            }
        } else {
            store = UnavailableItemStore(
                reason: "No DynamoDB table is configured: set \(AWSPortsConfiguration.tableNameVariable)")
        }
        let secrets: any SecretStore
        do {
            secrets = SecretsManagerSecretStore(client: try client(.secretsManager))
        } catch {
            secrets = UnavailableSecretStore(reason: error.message)
        }
        let missing = "has no AWS adapter in this runtime yet"
        return CloudPorts(
            store: store, identity: UnavailableIdentityProvider(reason: "The identity provider \(missing)"),
            clock: clock, notifier: UnavailableNotifier(reason: "The notifier \(missing)"), secrets: secrets)
    }
}
