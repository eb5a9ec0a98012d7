import Cloud
import Foundation
import LambdaEvents

extension SQSEvent.Message {
    /// The record Lambda makes of `message`, received from the queue `queueARN` in `region`: SQS's system
    /// attributes as strings, the sender's attributes with their data types, binary values in base64.
    init(received message: ReceivedMessage, queueARN: String, region: String) {
        self.init(
            messageId: message.messageID,
            receiptHandle: message.receiptHandle,
            body: message.body,
            attributes: SQSEvent.SystemAttributes(
                approximateReceiveCount: String(message.receiveCount),
                sentTimestamp: String(message.sentTimestamp),
                senderId: LocalAccount.id,
                approximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp),
                sequenceNumber: message.sequenceNumber,
                messageGroupId: message.messageGroupID,
                messageDeduplicationId: message.deduplicationID,
                awsTraceHeader: message.traceHeader
            ),
            messageAttributes: message.messageAttributes.mapValues(Self.attribute),
            md5OfBody: message.md5OfBody,
            md5OfMessageAttributes: MessageAttributesDigest.md5(of: message.messageAttributes),
            eventSourceARN: queueARN,
            awsRegion: region
        )
    }

    private static func attribute(_ value: MessageAttributeValue) -> SQSEvent.MessageAttribute {
        switch value {
        case .string(let text), .number(let text):
            SQSEvent.MessageAttribute(stringValue: text, dataType: value.dataType)
        case .binary(let bytes):
            SQSEvent.MessageAttribute(binaryValue: Base64.encode(bytes), dataType: value.dataType)
        }
    }
}
