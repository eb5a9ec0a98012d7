/// What a function knows about itself from its configuration: the same for every invocation of a container.
public struct FunctionMetadata: Sendable, Equatable {
    /// The function's name (`AWS_LAMBDA_FUNCTION_NAME`).
    public var name: String
    /// The version being run (`AWS_LAMBDA_FUNCTION_VERSION`): `$LATEST` or a published version number.
    public var version: String
    /// The memory configured for the function, in megabytes (`AWS_LAMBDA_FUNCTION_MEMORY_SIZE`).
    public var memoryLimitInMB: Int
    /// The CloudWatch Logs group the function logs to (`AWS_LAMBDA_LOG_GROUP_NAME`).
    public var logGroupName: String
    /// The CloudWatch Logs stream of this execution environment (`AWS_LAMBDA_LOG_STREAM_NAME`); empty when unknown.
    public var logStreamName: String
    /// The AWS Region the function runs in (`AWS_REGION`), e.g. `eu-west-1`.
    public var region: String

    /// Creates function metadata; the log group defaults to Lambda's `/aws/lambda/<name>`.
    public init(
        name: String,
        version: String = "$LATEST",
        memoryLimitInMB: Int = 128,
        logGroupName: String? = nil,
        logStreamName: String = "",
        region: String = "us-east-1"
    ) {
        self.name = name
        self.version = version
        self.memoryLimitInMB = memoryLimitInMB
        self.logGroupName = logGroupName ?? "/aws/lambda/\(name)"
        self.logStreamName = logStreamName
        self.region = region
    }

    /// The function's unqualified ARN in `account`.
    public func arn(account: String) -> String {
        "arn:aws:lambda:\(self.region):\(account):function:\(self.name)"
    }
}
