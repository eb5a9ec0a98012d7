import Cloud
import JSONCoding

/// A queue's settings and counts as SQS's queue attributes: a map of names to strings (`"VisibilityTimeout": "30"`),
/// read by `CreateQueue` and `SetQueueAttributes` and written by `GetQueueAttributes`.
enum SQSQueueAttributes {
    /// The attributes SQS accepts that the local queues do not model (policies, encryption, throughput): accepted
    /// and not applied, so that templates written for SQS work unchanged.
    static let acceptedWithoutEffect: Set<String> = [
        "Policy", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled", "RedriveAllowPolicy",
        "DeduplicationScope", "FifoThroughputLimit",
    ]

    /// Every attribute `GetQueueAttributes` answers, in the order `All` lists them.
    static let readable = [
        "QueueArn", "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed", "VisibilityTimeout", "MaximumMessageSize", "MessageRetentionPeriod",
        "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "RedrivePolicy", "FifoQueue", "ContentBasedDeduplication",
        "CreatedTimestamp", "LastModifiedTimestamp",
    ]

    /// `configuration` with the settings `attributes` give; `FifoQueue` must agree with it.
    static func apply(_ attributes: [String: String], to configuration: QueueConfiguration) throws(AWSProtocolError)
        -> QueueConfiguration
    {
        var result = configuration
        for (name, value) in attributes {
            switch name {
            case "FifoQueue":
                guard try Self.bool(value, name) == configuration.fifo else {
                    throw SQSErrors.invalidAttributeValue("A queue cannot change between FIFO and standard")
                }
            case "ContentBasedDeduplication": result.contentBasedDeduplication = try Self.bool(value, name)
            case "VisibilityTimeout": result.visibilityTimeout = .seconds(try Self.integer(value, name))
            case "MessageRetentionPeriod": result.retention = .seconds(try Self.integer(value, name))
            case "DelaySeconds": result.delay = .seconds(try Self.integer(value, name))
            case "ReceiveMessageWaitTimeSeconds": result.receiveWaitTime = .seconds(try Self.integer(value, name))
            case "MaximumMessageSize": result.maximumMessageSize = try Self.integer(value, name)
            case "RedrivePolicy": result.redrivePolicy = try Self.redrivePolicy(value)
            case _ where Self.acceptedWithoutEffect.contains(name): continue
            default: throw SQSErrors.invalidAttributeName("Unknown Attribute \(name.prefix(128)).")
            }
        }
        return result
    }

    /// The configuration a new queue with `attributes` gets: SQS's defaults, FIFO when `FifoQueue` says so.
    static func configuration(_ attributes: [String: String]) throws(AWSProtocolError) -> QueueConfiguration {
        let fifo = try attributes["FifoQueue"].map { value throws(AWSProtocolError) in
            try Self.bool(value, "FifoQueue")
        }
        return try Self.apply(attributes, to: QueueConfiguration(fifo: fifo ?? false))
    }

    /// The attributes named by `names` (`All` names every one) of the queue `name` with `attributes`, in `region`.
    static func values(_ names: [String], of attributes: QueueAttributes, queue name: String, region: String)
        throws(AWSProtocolError) -> [String: String]
    {
        let wanted = names.contains("All") ? Self.readable : names
        let configuration = attributes.configuration
        var values: [String: String] = [:]
        for attribute in wanted {
            switch attribute {
            case "QueueArn": values[attribute] = SQSQueueAddress.arn(of: name, region: region)
            case "ApproximateNumberOfMessages": values[attribute] = String(attributes.visibleMessages)
            case "ApproximateNumberOfMessagesNotVisible": values[attribute] = String(attributes.inFlightMessages)
            case "ApproximateNumberOfMessagesDelayed": values[attribute] = String(attributes.delayedMessages)
            case "CreatedTimestamp": values[attribute] = attributes.createdMilliseconds.map { String($0 / 1000) }
            case "LastModifiedTimestamp":
                values[attribute] = attributes.lastModifiedMilliseconds.map { String($0 / 1000) }
            case "VisibilityTimeout": values[attribute] = Self.seconds(configuration.visibilityTimeout)
            case "MaximumMessageSize": values[attribute] = String(configuration.maximumMessageSize)
            case "MessageRetentionPeriod": values[attribute] = Self.seconds(configuration.retention)
            case "DelaySeconds": values[attribute] = Self.seconds(configuration.delay)
            case "ReceiveMessageWaitTimeSeconds": values[attribute] = Self.seconds(configuration.receiveWaitTime)
            case "RedrivePolicy":
                values[attribute] = configuration.redrivePolicy.map { Self.text(of: $0, region: region) }
            case "FifoQueue": values[attribute] = configuration.fifo ? "true" : nil
            case "ContentBasedDeduplication":
                values[attribute] = configuration.fifo ? String(configuration.contentBasedDeduplication) : nil
            case _ where Self.acceptedWithoutEffect.contains(attribute): continue
            default: throw SQSErrors.invalidAttributeName("Unknown Attribute \(attribute.prefix(128)).")
            }
        }
        return values
    }

    /// A redrive policy as SQS writes it: `{"deadLetterTargetArn":"arn:…","maxReceiveCount":5}`.
    static func text(of policy: RedrivePolicy, region: String) -> String {
        var writer = JSONWriter()
        writer.value([
            "deadLetterTargetArn": .string(SQSQueueAddress.arn(of: policy.deadLetterQueue, region: region)),
            "maxReceiveCount": .integer(Int64(policy.maxReceiveCount)),
        ])
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The policy of a `RedrivePolicy` attribute; the empty string removes it.
    private static func redrivePolicy(_ text: String) throws(AWSProtocolError) -> RedrivePolicy? {
        guard !text.isEmpty else { return nil }
        guard let policy = JSONValue(parsing: Array(text.utf8), maximumDepth: 2),
            let arn = policy["deadLetterTargetArn"]?.stringValue
        else {
            throw SQSErrors.invalidAttributeValue(
                "RedrivePolicy must be JSON with deadLetterTargetArn and maxReceiveCount")
        }
        let count: Int? =
            switch policy["maxReceiveCount"] {
            case .integer(let number): Int(exactly: number)
            case .string(let digits): Int(digits)
            default: nil
            }
        guard let count else {
            throw SQSErrors.invalidAttributeValue("RedrivePolicy's maxReceiveCount must be a whole number")
        }
        let deadLetterQueue = try SQSQueueAddress.name(fromARN: arn, parameter: "deadLetterTargetArn")
        return RedrivePolicy(deadLetterQueue: deadLetterQueue, maxReceiveCount: count)
    }

    private static func integer(_ text: String, _ name: String) throws(AWSProtocolError) -> Int {
        guard text.utf8.count <= 12, let value = Int(text) else {
            throw SQSErrors.invalidAttributeValue("Invalid value for the parameter \(name): \(text.prefix(32))")
        }
        return value
    }

    private static func bool(_ text: String, _ name: String) throws(AWSProtocolError) -> Bool {
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw SQSErrors.invalidAttributeValue("Invalid value for the parameter \(name): \(text.prefix(32))")
        }
    }

    private static func seconds(_ duration: Duration) -> String {
        String(duration.components.seconds)
    }
}
