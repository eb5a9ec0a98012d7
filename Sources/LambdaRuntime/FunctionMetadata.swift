/// What a function knows about itself from its configuration: the same for every invocation of a container.
public struct FunctionMetadata: Sendable, Equatable {
    public var name: String
    public var version: String
    public var memoryLimitInMB: Int
    public var logGroupName: String
    public var logStreamName: String
    public var region: String

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
