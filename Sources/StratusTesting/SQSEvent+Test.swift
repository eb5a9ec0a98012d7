public import LambdaEvents

extension SQSEvent.Message {
    /// A message of `queue` with `body` as a Lambda event source mapping delivers it, received `receiveCount` times,
    /// for a handler run directly in a test.
    public static func test(
        _ messageID: String, body: String, receiveCount: Int = 1, queue: String = "test"
    ) -> SQSEvent.Message {
        SQSEvent.Message(
            messageId: messageID, receiptHandle: "handle-\(messageID)", body: body,
            attributes: SQSEvent.SystemAttributes(
                approximateReceiveCount: "\(receiveCount)", sentTimestamp: "1795469809007", senderId: "AIDAEXAMPLE",
                approximateFirstReceiveTimestamp: "1795469809007"),
            md5OfBody: "", eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:\(queue)", awsRegion: "us-east-1")
    }
}
