extension AWSServiceDescription {
    /// Amazon Cognito user pools: `awsJson1_1`, operations under `AWSCognitoIdentityProviderService`.
    public static let cognitoIdentityProvider = AWSServiceDescription(
        serviceID: "Cognito Identity Provider", endpointPrefix: "cognito-idp", signingName: "cognito-idp",
        targetPrefix: "AWSCognitoIdentityProviderService", jsonVersion: .v1_1)
}
