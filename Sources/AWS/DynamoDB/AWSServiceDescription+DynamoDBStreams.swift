extension AWSServiceDescription {
    /// Amazon DynamoDB Streams: `awsJson1_0`, operations under `DynamoDBStreams_20120810`, signed as DynamoDB.
    public static let dynamoDBStreams = AWSServiceDescription(
        serviceID: "DynamoDB Streams", endpointPrefix: "streams.dynamodb", signingName: "dynamodb",
        targetPrefix: "DynamoDBStreams_20120810", jsonVersion: .v1_0)
}
