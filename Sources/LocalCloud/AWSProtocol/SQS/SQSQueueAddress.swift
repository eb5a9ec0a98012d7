/// How SQS addresses a queue: by URL, `http://<host>/_aws/<account>/<name>` (built on the host the client reached),
/// and by ARN, `arn:aws:sqs:<region>:<account>:<name>`. The local cloud has one account, ``accountID``.
enum SQSQueueAddress {
    /// The local cloud's account, the one its rules, functions and events name too (``LocalAccount/id``): a queue's
    /// ARN from `GetQueueAttributes` is the `eventSourceARN` its messages carry to a function.
    static let accountID = LocalAccount.id
    /// The longest queue URL or ARN read.
    static let maximumLength = 2048

    /// The URL of the queue `name` for a client that reached the local cloud at `host`.
    static func url(of name: String, host: String) -> String {
        "http://\(host)/_aws/\(Self.accountID)/\(name)"
    }

    /// The ARN of the queue `name` in `region`.
    static func arn(of name: String, region: String) -> String {
        LocalAccount.queueARN(name, region: region)
    }

    /// The name of the queue a URL names: its last path segment, after an account segment. SDKs pass the URL
    /// `CreateQueue` or `GetQueueUrl` gave them, so any host is accepted.
    static func name(fromURL url: String) throws(AWSProtocolError) -> String {
        let segments = url.split(separator: "/", omittingEmptySubsequences: false)
        guard url.utf8.count <= Self.maximumLength, segments.count >= 3, let name = segments.last, !name.isEmpty,
            !segments[segments.count - 2].isEmpty
        else {
            throw SQSErrors.invalidAddress("The QueueUrl \(url.prefix(128)) is not a queue URL")
        }
        return String(name)
    }

    /// The name of the queue an ARN names.
    static func name(fromARN arn: String, parameter: String) throws(AWSProtocolError) -> String {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard arn.utf8.count <= Self.maximumLength, parts.count == 6, parts[0] == "arn", parts[2] == "sqs",
            !parts[5].isEmpty
        else {
            throw SQSErrors.invalidParameterValue("The \(parameter) \(arn.prefix(128)) is not the ARN of a queue")
        }
        return String(parts[5])
    }

    /// The queue named by the member `QueueUrl` of `input`.
    static func queue(of input: AWSMembers) throws(AWSProtocolError) -> String {
        try Self.name(fromURL: input.requiredString("QueueUrl"))
    }
}
