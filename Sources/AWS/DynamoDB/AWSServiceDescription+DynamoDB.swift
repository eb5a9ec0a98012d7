extension AWSServiceDescription {
    /// Amazon DynamoDB: `awsJson1_0`, operations under `DynamoDB_20120810`.
    public static let dynamoDB = AWSServiceDescription(
        serviceID: "DynamoDB", endpointPrefix: "dynamodb", signingName: "dynamodb",
        targetPrefix: "DynamoDB_20120810", jsonVersion: .v1_0)
}
