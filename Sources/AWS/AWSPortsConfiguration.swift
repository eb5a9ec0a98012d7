/// What the environment of a Lambda function says about the AWS resources its ports reach, as the template sets it:
///
/// | variable | port | when it is missing (unset or empty) |
/// |---|---|---|
/// | `AWS_REGION` (else `AWS_DEFAULT_REGION`, else the profile's `region`) | every AWS port | every port is unavailable |
/// | `STRATUS_TABLE_NAME` | the store, on that DynamoDB table | the store is unavailable |
/// | `STRATUS_USER_POOL_ID` and `STRATUS_USER_POOL_CLIENT_ID` | the identity provider, on that Cognito user pool and app client | the identity provider is unavailable |
/// | `STRATUS_EVENT_BUS_NAME` | the bus port, on EventBridge, with that bus as the app's (``CloudPorts/appBus``) | the bus is unavailable |
/// | `STRATUS_SECRET_NAME_PREFIX` | the secrets, each named `<prefix>/<name>` on Secrets Manager, as `stratus provision` names them (``AppSecretStore``) | the secrets keep the names the functions give them |
///
/// The secrets need no other variable: functions name the secrets they read, and the Secrets Manager store is
/// configured whenever the region is known. The endpoints and credentials are the SDKs' (``AWSEndpointResolver``,
/// ``CredentialProviderChain/standard(environment:clock:)``).
public struct AWSPortsConfiguration: Sendable, Equatable {
    /// The variable naming the DynamoDB table of the store.
    public static let tableNameVariable = "STRATUS_TABLE_NAME"

    /// The variable naming the Cognito user pool of the identity provider.
    public static let userPoolIDVariable = "STRATUS_USER_POOL_ID"
    /// The variable naming the user pool's app client (one without a secret, allowing `USER_PASSWORD_AUTH`).
    public static let userPoolClientIDVariable = "STRATUS_USER_POOL_CLIENT_ID"

    /// The variable naming the EventBridge bus the app's events go to.
    public static let eventBusNameVariable = "STRATUS_EVENT_BUS_NAME"

    /// The variable naming the prefix of the app's secrets on Secrets Manager (the app's name, then `-<stage>`).
    public static let secretNamePrefixVariable = "STRATUS_SECRET_NAME_PREFIX"

    /// The region the ports call, `nil` when none is named.
    public let region: String?
    /// The store's table, `nil` when ``tableNameVariable`` is unset.
    public let tableName: String?
    /// The identity provider's user pool and app client, `nil` unless both variables are set.
    public let userPool: UserPool?
    /// The app's event bus, `nil` when ``eventBusNameVariable`` is unset.
    public let eventBusName: String?
    /// The prefix of the app's secret names, `nil` when ``secretNamePrefixVariable`` is unset.
    public let secretNamePrefix: String?

    /// A Cognito user pool and the app client the identity provider signs users in through.
    public struct UserPool: Sendable, Equatable {
        /// The pool's id, e.g. `us-east-1_AbCdEf123`.
        public let id: String
        /// The app client's id.
        public let clientID: String
    }

    /// The configuration `environment` states. A profile file that cannot be read counts as naming no region; the
    /// credential chain reports that file's problem when it reads it.
    public init(environment: AWSEnvironment) {
        self.region = AWSRegionResolver.region(environment: environment)
        self.tableName = Self.value(of: Self.tableNameVariable, in: environment)
        self.eventBusName = Self.value(of: Self.eventBusNameVariable, in: environment)
        self.secretNamePrefix = Self.value(of: Self.secretNamePrefixVariable, in: environment)
        if let poolID = Self.value(of: Self.userPoolIDVariable, in: environment),
            let clientID = Self.value(of: Self.userPoolClientIDVariable, in: environment)
        {
            self.userPool = UserPool(id: poolID, clientID: clientID)
        } else {
            self.userPool = nil
        }
    }

    /// `variable`'s value, `nil` when it is unset or empty (a template's blank parameter sets it empty).
    private static func value(of variable: String, in environment: AWSEnvironment) -> String? {
        guard let value = environment[variable], !value.isEmpty else { return nil }
        return value
    }
}
