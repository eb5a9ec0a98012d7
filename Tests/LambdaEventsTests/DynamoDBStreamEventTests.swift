import Foundation
import LambdaEvents
import Testing

/// The stream event in the shape Lambda's documentation shows: an insert, a modification and a removal, then a
/// deletion by the table's time to live.
@Suite("DynamoDB stream events")
struct DynamoDBStreamEventTests {
    static let documentedBatch = """
        {
          "Records": [
            {
              "eventID": "1",
              "eventVersion": "1.0",
              "dynamodb": {
                "Keys": {"Id": {"N": "101"}},
                "NewImage": {"Message": {"S": "New item!"}, "Id": {"N": "101"}},
                "StreamViewType": "NEW_AND_OLD_IMAGES",
                "SequenceNumber": "111",
                "SizeBytes": 26,
                "ApproximateCreationDateTime": 1428537600
              },
              "awsRegion": "us-west-2",
              "eventName": "INSERT",
              "eventSourceARN": "arn:aws:dynamodb:us-west-2:123456789012:table/Example/stream/2015-06-27T00:48:05.899",
              "eventSource": "aws:dynamodb"
            },
            {
              "eventID": "2",
              "eventVersion": "1.0",
              "dynamodb": {
                "OldImage": {"Message": {"S": "New item!"}, "Id": {"N": "101"}},
                "SequenceNumber": "222",
                "Keys": {"Id": {"N": "101"}},
                "SizeBytes": 59,
                "NewImage": {"Message": {"S": "This item has changed"}, "Id": {"N": "101"}},
                "StreamViewType": "NEW_AND_OLD_IMAGES"
              },
              "awsRegion": "us-west-2",
              "eventName": "MODIFY",
              "eventSourceARN": "arn:aws:dynamodb:us-west-2:123456789012:table/Example/stream/2015-06-27T00:48:05.899",
              "eventSource": "aws:dynamodb"
            },
            {
              "eventID": "3",
              "eventVersion": "1.0",
              "dynamodb": {
                "Keys": {"Id": {"N": "101"}},
                "SizeBytes": 38,
                "SequenceNumber": "333",
                "OldImage": {"Message": {"S": "This item has changed"}, "Id": {"N": "101"}},
                "StreamViewType": "NEW_AND_OLD_IMAGES"
              },
              "awsRegion": "us-west-2",
              "eventName": "REMOVE",
              "eventSourceARN": "arn:aws:dynamodb:us-west-2:123456789012:table/Example/stream/2015-06-27T00:48:05.899",
              "eventSource": "aws:dynamodb"
            }
          ]
        }
        """

    @Test func insertModifyAndRemoveKeepTheirImagesAndSequenceNumbers() throws {
        let event = try expectRoundTrip(DynamoDBStreamEvent.self, Self.documentedBatch)
        #expect(event.records.map(\.eventName) == [.insert, .modify, .remove])
        #expect(event.records.map(\.dynamodb.sequenceNumber) == ["111", "222", "333"])
        let insert = event.records[0].dynamodb
        #expect(insert.keys == ["Id": ["N": "101"]])
        #expect(insert.newImage?["Message"] == ["S": "New item!"])
        #expect(insert.oldImage == nil)
        #expect(insert.approximateCreationDateTime == 1_428_537_600)
        #expect(event.records[1].dynamodb.oldImage?["Message"] == ["S": "New item!"])
        #expect(event.records[2].dynamodb.newImage == nil)
        #expect(event.records.allSatisfy { !$0.isExpiry })
    }

    @Test func aDeletionByTimeToLiveIsTheServicesAndTellsItself() throws {
        let json = """
            {"Records": [{
              "eventID": "4", "eventName": "REMOVE", "eventVersion": "1.1", "eventSource": "aws:dynamodb",
              "awsRegion": "us-east-1",
              "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/app/stream/2026-12-01T00:00:00.000",
              "dynamodb": {
                "Keys": {"PK": {"S": "SESSION#1"}, "SK": {"S": "META"}},
                "SequenceNumber": "400000000000000000001", "SizeBytes": 40, "StreamViewType": "KEYS_ONLY"
              },
              "userIdentity": {"type": "Service", "principalId": "dynamodb.amazonaws.com"}
            }]}
            """
        let record = try #require(try expectRoundTrip(DynamoDBStreamEvent.self, json).records.first)
        #expect(record.isExpiry)
        #expect(record.dynamodb.keys["PK"] == ["S": "SESSION#1"])
    }

    @Test func anUnknownEventNameOrAMissingSequenceNumberIsRefused() {
        let unknown = Self.documentedBatch.replacingOccurrences(of: #""INSERT""#, with: #""UPSERT""#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DynamoDBStreamEvent.self, from: Data(unknown.utf8))
        }
        let unnumbered = Self.documentedBatch.replacingOccurrences(of: #""SequenceNumber": "111","#, with: "")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DynamoDBStreamEvent.self, from: Data(unnumbered.utf8))
        }
    }
}
