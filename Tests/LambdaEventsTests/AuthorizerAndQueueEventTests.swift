import Foundation
import LambdaEvents
import Testing

@Suite("Authorizer, SQS, EventBridge and schedule events")
struct AuthorizerAndQueueEventTests {
    @Test func authorizerSimpleResponse() throws {
        let response = try expectRoundTrip(
            APIGatewayV2AuthorizerSimpleResponse.self,
            #"{"isAuthorized": true, "context": {"tenant": "acme", "quota": 100, "admin": false, "tags": ["a"]}}"#
        )
        #expect(response.isAuthorized)
        #expect(response.context?["tags"] == .array([.string("a")]))
        _ = try expectRoundTrip(APIGatewayV2AuthorizerSimpleResponse.self, #"{"isAuthorized": false}"#)
    }

    static let sqsEvent = """
        {
          "Records": [
            {
              "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
              "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
              "body": "{\\"orderId\\": \\"42\\"}",
              "attributes": {
                "ApproximateReceiveCount": "2",
                "SentTimestamp": "1545082649183",
                "SenderId": "AIDAIENQZJOLO23YVJ4VO",
                "ApproximateFirstReceiveTimestamp": "1545082649185",
                "SequenceNumber": "18849496460467696128",
                "MessageGroupId": "orders",
                "MessageDeduplicationId": "dedup-1",
                "AWSTraceHeader": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
                "DeadLetterQueueSourceArn": "arn:aws:sqs:us-east-1:123456789012:order-events"
              },
              "messageAttributes": {
                "tenant": {"stringValue": "acme", "stringListValues": [], "binaryListValues": [], "dataType": "String"},
                "blob": {"binaryValue": "AQID", "stringListValues": [], "binaryListValues": [], "dataType": "Binary"}
              },
              "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
              "md5OfMessageAttributes": "00484c68...59e48f06",
              "eventSource": "aws:sqs",
              "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:order-events.fifo",
              "awsRegion": "us-east-1"
            }
          ]
        }
        """

    @Test func sqsEventWithEveryDocumentedField() throws {
        let event = try expectRoundTrip(SQSEvent.self, Self.sqsEvent)
        let message = try #require(event.records.first)
        #expect(message.attributes.approximateReceiveCount == "2")
        #expect(message.attributes.messageGroupId == "orders")
        #expect(message.attributes.awsTraceHeader?.hasPrefix("Root=1-") == true)
        #expect(message.messageAttributes["blob"]?.binaryValue == "AQID")
        #expect(message.eventSourceARN.hasSuffix(".fifo"))
    }

    @Test func batchItemFailures() throws {
        let response = try expectRoundTrip(
            SQSBatchResponse.self,
            #"{"batchItemFailures": [{"itemIdentifier": "059f36b4-87a3-44ab-83d2-661975830a7d"}]}"#
        )
        #expect(response.batchItemFailures.map(\.itemIdentifier) == ["059f36b4-87a3-44ab-83d2-661975830a7d"])
        let success = String(decoding: try JSONEncoder().encode(SQSBatchResponse()), as: UTF8.self)
        #expect(success == #"{"batchItemFailures":[]}"#)
    }

    @Test func eventBridgeEventWithGenericDetail() throws {
        let event = try expectRoundTrip(
            EventBridgeEvent<JSONValue>.self,
            """
            {"version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "detail-type": "OrderCreated",
             "source": "orders", "account": "123456789012", "time": "2026-11-22T21:36:49Z", "region": "us-east-1",
             "resources": ["arn:aws:events:us-east-1:123456789012:rule/r"],
             "detail": {"orderId": "42", "total": 1999, "items": [{"sku": "A", "quantity": 2}]},
             "replay-name": "replay-1"}
            """
        )
        #expect(event.detailType == "OrderCreated")
        #expect(event.replayName == "replay-1")
        #expect(event.detail["total"] == .integer(1999))
    }

    @Test func eventBridgeEventWithTypedDetail() throws {
        struct OrderCreated: Codable, Sendable { var orderId: String }
        let event = try JSONDecoder().decode(
            EventBridgeEvent<OrderCreated>.self,
            from: Data(
                #"{"version":"0","id":"1","detail-type":"OrderCreated","source":"orders","account":"1","time":"2026-11-22T21:36:49Z","region":"us-east-1","resources":[],"detail":{"orderId":"42"}}"#
                    .utf8
            )
        )
        #expect(event.detail.orderId == "42")
        #expect(event.replayName == nil)
    }

    @Test func scheduledEvent() throws {
        let event = try expectRoundTrip(
            ScheduledEvent.self,
            """
            {"version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", "detail-type": "Scheduled Event",
             "source": "aws.events", "account": "123456789012", "time": "2015-10-08T16:53:06Z", "region": "us-east-1",
             "resources": ["arn:aws:events:us-east-1:123456789012:rule/my-scheduled-rule"], "detail": {}}
            """
        )
        #expect(event.source == "aws.events")
        #expect(event.detailType == "Scheduled Event")
    }

    @Test func jsonValueKeepsLargeIntegersExact() throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data("9007199254740993".utf8))
        #expect(value == .integer(9_007_199_254_740_993))
        #expect(String(decoding: try JSONEncoder().encode(value), as: UTF8.self) == "9007199254740993")
    }
}
