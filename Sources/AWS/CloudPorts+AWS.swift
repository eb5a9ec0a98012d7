public import Cloud

extension CloudPorts {
    /// The ports of a Lambda function on AWS, from `environment` (see ``AWSPortsConfiguration``): the store on
    /// DynamoDB, the identity provider on a Cognito user pool, the secrets on Secrets Manager (under the app's name
    /// prefix, when one is configured) and the bus on EventBridge, sharing one HTTP client and the standard credential
    /// chain.
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

        /// The adapter `make` builds on `service`'s client, or `unavailable` with the reason the client cannot be made.
        func adapter<Port>(
            _ service: AWSServiceDescription, _ make: (AWSJSONClient) -> Port, unavailable: (String) -> Port
        ) -> Port {
            do {
                return make(try client(service))
            } catch {
                return unavailable(error.message)
            }
        }

        let store: any ItemStore =
            if let tableName = configuration.tableName {
                adapter(
                    .dynamoDB, { DynamoDBItemStore(client: $0, tableName: tableName, clock: clock) },
                    unavailable: UnavailableItemStore.init(reason:))
            } else {
                UnavailableItemStore(
                    reason: "No DynamoDB table is configured: set \(AWSPortsConfiguration.tableNameVariable)")
            }
        let secrets: any SecretStore = adapter(
            .secretsManager,
            { client in
                let store = SecretsManagerSecretStore(client: client)
                return configuration.secretNamePrefix.map { AppSecretStore(store, namePrefix: $0) } ?? store
            },
            unavailable: UnavailableSecretStore.init(reason:))
        let identity: any IdentityProvider =
            if let pool = configuration.userPool {
                adapter(
                    .cognitoIdentityProvider,
                    { CognitoIdentityProvider(client: $0, userPoolID: pool.id, clientID: pool.clientID) },
                    unavailable: UnavailableIdentityProvider.init(reason:))
            } else {
                UnavailableIdentityProvider(
                    reason: "No Cognito user pool is configured: set \(AWSPortsConfiguration.userPoolIDVariable) and "
                        + AWSPortsConfiguration.userPoolClientIDVariable)
            }
        let bus: any EventBus =
            if configuration.eventBusName != nil {
                adapter(.eventBridge, EventBridgeBus.init(client:), unavailable: UnavailableEventBus.init(reason:))
            } else {
                UnavailableEventBus(
                    reason: "No EventBridge bus is configured: set \(AWSPortsConfiguration.eventBusNameVariable)")
            }
        return CloudPorts(
            store: store, identity: identity, clock: clock,
            notifier: UnavailableNotifier(reason: "The notifier has no AWS adapter in this runtime yet"),
            secrets: secrets, bus: bus, appBus: configuration.eventBusName ?? Bus.defaultName)
    }
}
