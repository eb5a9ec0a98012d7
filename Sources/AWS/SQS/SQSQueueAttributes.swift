import Cloud
import JSONCoding

/// A ``QueueConfiguration`` as SQS's queue attributes (all strings), both ways.
enum SQSQueueAttributes {
    /// The attributes that create a queue of `configuration`; `deadLetterARN` is the ARN of its redrive policy's
    /// dead-letter queue.
    static func attributes(of configuration: QueueConfiguration, deadLetterARN: String?) -> JSONValue {
        var attributes: [String: JSONValue] = [
            "VisibilityTimeout": .string(String(configuration.visibilityTimeout.components.seconds)),
            "MessageRetentionPeriod": .string(String(configuration.retention.components.seconds)),
            "DelaySeconds": .string(String(configuration.delay.components.seconds)),
            "ReceiveMessageWaitTimeSeconds": .string(String(configuration.receiveWaitTime.components.seconds)),
            "MaximumMessageSize": .string(String(configuration.maximumMessageSize)),
        ]
        if configuration.fifo {
            attributes["FifoQueue"] = "true"
            attributes["ContentBasedDeduplication"] = .string(String(configuration.contentBasedDeduplication))
        }
        if let policy = configuration.redrivePolicy, let deadLetterARN {
            let text = "{\"deadLetterTargetArn\":\"\(deadLetterARN)\",\"maxReceiveCount\":\(policy.maxReceiveCount)}"
            attributes["RedrivePolicy"] = .string(text)
        }
        return .object(attributes)
    }

    /// The configuration and message counts `attributes` (a `GetQueueAttributes` answer's) state.
    static func queueAttributes(from attributes: [String: JSONValue]) -> QueueAttributes {
        func number(_ name: String) -> Int { attributes[name]?.stringValue.flatMap { Int($0) } ?? 0 }
        func seconds(_ name: String, _ fallback: Int) -> Duration {
            .seconds(attributes[name]?.stringValue.flatMap { Int($0) } ?? fallback)
        }
        var configuration = QueueConfiguration(
            fifo: attributes["FifoQueue"]?.stringValue == "true",
            contentBasedDeduplication: attributes["ContentBasedDeduplication"]?.stringValue == "true",
            visibilityTimeout: seconds("VisibilityTimeout", 30),
            retention: seconds("MessageRetentionPeriod", 345_600),
            delay: seconds("DelaySeconds", 0),
            receiveWaitTime: seconds("ReceiveMessageWaitTimeSeconds", 0),
            maximumMessageSize: attributes["MaximumMessageSize"]?.stringValue.flatMap { Int($0) }
                ?? MessageQueueLimits.maximumMessageSize)
        if let text = attributes["RedrivePolicy"]?.stringValue, let policy = JSONValue(parsing: Array(text.utf8)),
            let arn = policy["deadLetterTargetArn"]?.stringValue, let name = arn.split(separator: ":").last
        {
            let count: Int? =
                switch policy["maxReceiveCount"] {
                case .integer(let value): Int(value)
                case .string(let text): Int(text)
                default: nil
                }
            if let count {
                configuration.redrivePolicy = RedrivePolicy(deadLetterQueue: String(name), maxReceiveCount: count)
            }
        }
        // SQS's times are seconds since the Unix epoch: whole seconds from SQS, with a fraction from some emulators.
        func milliseconds(_ name: String) -> Int64? {
            attributes[name]?.stringValue.flatMap { Double($0) }.flatMap { Int64(exactly: ($0 * 1000).rounded(.down)) }
        }
        return QueueAttributes(
            configuration: configuration, visibleMessages: number("ApproximateNumberOfMessages"),
            inFlightMessages: number("ApproximateNumberOfMessagesNotVisible"),
            delayedMessages: number("ApproximateNumberOfMessagesDelayed"),
            createdMilliseconds: milliseconds("CreatedTimestamp"),
            lastModifiedMilliseconds: milliseconds("LastModifiedTimestamp"))
    }
}
