/// What a JSON-protocol client needs to know of a service: how it is named for endpoints and signing, and which
/// JSON protocol version and target prefix its operations use (from the service's Smithy model).
public struct AWSServiceDescription: Sendable, Equatable {
    /// The JSON protocol versions.
    public enum JSONVersion: String, Sendable, Equatable {
        /// `awsJson1_0` (DynamoDB, SQS, …).
        case v1_0 = "1.0"
        /// `awsJson1_1` (EventBridge, Secrets Manager, Cognito user pools, …).
        case v1_1 = "1.1"
    }

    /// The service id, as `AWS_ENDPOINT_URL_<SERVICE_ID>` spells it (`SQS`, `Secrets Manager`).
    public let serviceID: String
    /// The host name prefix of its regional endpoint (`sqs`).
    public let endpointPrefix: String
    /// The name it is signed under (`sqs`).
    public let signingName: String
    /// What `X-Amz-Target` puts before the operation (`AmazonSQS`).
    public let targetPrefix: String
    /// Its JSON protocol version.
    public let jsonVersion: JSONVersion

    /// A description from its parts.
    public init(
        serviceID: String, endpointPrefix: String, signingName: String, targetPrefix: String, jsonVersion: JSONVersion
    ) {
        self.serviceID = serviceID
        self.endpointPrefix = endpointPrefix
        self.signingName = signingName
        self.targetPrefix = targetPrefix
        self.jsonVersion = jsonVersion
    }

    /// The `Content-Type` of its requests.
    var contentType: String { "application/x-amz-json-\(self.jsonVersion.rawValue)" }

    /// Amazon SQS: `awsJson1_0`, query-compatible errors.
    public static let sqs = AWSServiceDescription(
        serviceID: "SQS", endpointPrefix: "sqs", signingName: "sqs", targetPrefix: "AmazonSQS", jsonVersion: .v1_0)
}
