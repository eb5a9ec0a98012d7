public import Cloud
import JSONCoding

/// The Cognito user pool and app client that ``CognitoIdentityProvider`` works with, as an operator makes them:
/// email as the username, a password policy no stricter than the provider's ``PasswordPolicy`` (Cognito's classes
/// are upper case, lower case and digits; symbols are not required), and an app client without a secret allowing
/// `USER_PASSWORD_AUTH` and refresh tokens.
///
/// Pool and client names need not be unique in Cognito, so ``findPool(through:)`` and
/// ``findClient(poolID:through:)`` look them up by name before anything is made twice.
public struct CognitoUserPoolSetup: Sendable {
    /// The pool's name.
    public let poolName: String
    /// The app client's name.
    public let clientName: String
    /// The password policy the pool enforces.
    public let policy: PasswordPolicy

    /// The pool `poolName` with the app client `clientName`, enforcing `policy`.
    public init(poolName: String, clientName: String, policy: PasswordPolicy = .standard) {
        self.poolName = poolName
        self.clientName = clientName
        self.policy = policy
    }

    /// `CreateUserPool`; returns the new pool's id.
    public func createPool(through client: AWSJSONClient) async throws(AWSServiceError) -> String {
        let output = try await client.call(
            "CreateUserPool",
            [
                "PoolName": .string(self.poolName), "UsernameAttributes": ["email"],
                "Policies": [
                    "PasswordPolicy": [
                        "MinimumLength": .integer(Int64(self.policy.minimumLength)), "RequireUppercase": true,
                        "RequireLowercase": true, "RequireNumbers": true, "RequireSymbols": false,
                    ]
                ],
            ])
        return try Self.string(output["UserPool"]?["Id"], answering: "CreateUserPool")
    }

    /// `CreateUserPoolClient` in the pool `poolID`; returns the new client's id.
    public func createClient(poolID: String, through client: AWSJSONClient) async throws(AWSServiceError) -> String {
        let output = try await client.call(
            "CreateUserPoolClient",
            [
                "UserPoolId": .string(poolID), "ClientName": .string(self.clientName), "GenerateSecret": false,
                "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            ])
        return try Self.string(output["UserPoolClient"]?["ClientId"], answering: "CreateUserPoolClient")
    }

    /// The id of the first pool named ``poolName`` (`ListUserPools`, page by page), `nil` when there is none.
    public func findPool(through client: AWSJSONClient) async throws(AWSServiceError) -> String? {
        try await Self.first(
            "ListUserPools", ["MaxResults": 60], items: "UserPools", named: self.poolName, nameKey: "Name",
            idKey: "Id", through: client)
    }

    /// The id of the first app client named ``clientName`` in the pool `poolID` (`ListUserPoolClients`, page by
    /// page), `nil` when there is none.
    public func findClient(poolID: String, through client: AWSJSONClient) async throws(AWSServiceError) -> String? {
        try await Self.first(
            "ListUserPoolClients", ["UserPoolId": .string(poolID), "MaxResults": 60], items: "UserPoolClients",
            named: self.clientName, nameKey: "ClientName", idKey: "ClientId", through: client)
    }

    /// The `idKey` of the first of `operation`'s `items` whose `nameKey` is `name`, following `NextToken`s.
    private static func first(
        _ operation: String, _ input: [String: JSONValue], items: String, named name: String, nameKey: String,
        idKey: String, through client: AWSJSONClient
    ) async throws(AWSServiceError) -> String? {
        var input = input
        repeat {
            let output = try await client.call(operation, .object(input))
            let match = output[items]?.arrayValue?.first { $0[nameKey]?.stringValue == name }
            if let id = match?[idKey]?.stringValue { return id }
            input["NextToken"] = output["NextToken"]?.stringValue.map(JSONValue.string)
        } while input["NextToken"] != nil
        return nil
    }

    private static func string(_ value: JSONValue?, answering operation: String) throws(AWSServiceError) -> String {
        guard let text = value?.stringValue else {
            throw AWSServiceError(.invalidResponse, message: "Cognito answered \(operation) without an id")
        }
        return text
    }
}
