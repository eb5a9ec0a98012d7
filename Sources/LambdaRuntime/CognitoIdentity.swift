/// The Amazon Cognito identity of a caller that invoked through the mobile SDK (`Lambda-Runtime-Cognito-Identity`).
public struct CognitoIdentity: Codable, Sendable, Equatable {
    /// The caller's Cognito identity ID, `region:uuid`.
    public var identityID: String
    /// The ID of the identity pool that issued the identity, `region:uuid`.
    public var identityPoolID: String

    /// Creates a Cognito identity, e.g. for a test.
    public init(identityID: String, identityPoolID: String) {
        self.identityID = identityID
        self.identityPoolID = identityPoolID
    }

    enum CodingKeys: String, CodingKey {
        case identityID = "cognitoIdentityId"
        case identityPoolID = "cognitoIdentityPoolId"
    }
}
