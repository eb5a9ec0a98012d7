public import Cloud

extension CloudPorts {
    /// The ports of a Lambda function on AWS, from `environment` (see ``AWSPortsConfiguration``): the store on
    /// DynamoDB, the identity provider on a Cognito user pool and the secrets on Secrets Manager, sharing one HTTP
    /// client and the standard credential chain.
    ///
    /// Building them makes no network call and starts no event loop: the HTTP client connects, and the credentials
    /// are read, at the first call, so a function's cold start does not pay for ports it does not use. A port whose
    /// configuration is missing fails each call with a reason naming what to set; the notifier has no AWS adapter in
    /// this runtime yet and is unavailable.
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
        let identity: any IdentityProvider
        if let pool = configuration.userPool {
            do {
                identity = CognitoIdentityProvider(
                    client: try client(.cognitoIdentityProvider), userPoolID: pool.id, clientID: pool.clientID)
            } catch {
                identity = UnavailableIdentityProvider(reason: error.message)
            }
        } else {
            identity = UnavailableIdentityProvider(
                reason: "No Cognito user pool is configured: set \(AWSPortsConfiguration.userPoolIDVariable) and "
                    + AWSPortsConfiguration.userPoolClientIDVariable)
        }
        return CloudPorts(
            store: store, identity: identity, clock: clock,
            notifier: UnavailableNotifier(reason: "The notifier has no AWS adapter in this runtime yet"),
            secrets: secrets)
    }
}
