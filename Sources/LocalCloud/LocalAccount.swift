/// The AWS account the local cloud pretends to be, in every ARN it makes up.
public enum LocalAccount {
    /// The 12-digit account ID, `123456789012`.
    public static let id = "123456789012"

    /// The ARN of the queue `name` in `region`: the one SQS's endpoint answers with, the bus's targets name and the
    /// messages a queue's poller hands a function carry as `eventSourceARN`.
    static func queueARN(_ name: String, region: String) -> String {
        "arn:aws:sqs:\(region):\(Self.id):\(name)"
    }
}
