/// The Amazon Cognito identity of a caller that invoked through the mobile SDK (`Lambda-Runtime-Cognito-Identity`).
public struct CognitoIdentity: Codable, Sendable, Equatable {
    public var identityID: String
    public var identityPoolID: String

    public init(identityID: String, identityPoolID: String) {
        self.identityID = identityID
        self.identityPoolID = identityPoolID
    }

    enum CodingKeys: String, CodingKey {
        case identityID = "cognitoIdentityId"
        case identityPoolID = "cognitoIdentityPoolId"
    }
}
