public import Cloud
public import LambdaEvents

extension DynamoDBStreamEvent.Record {
    /// The record a `NEW_IMAGE` stream of the app table gives for `eventName` of `item` (its image left out on
    /// `REMOVE`), at `sequenceNumber`, for a handler run directly in a test.
    public static func test(
        _ eventName: DynamoDBStreamEvent.EventName, _ item: Item, sequenceNumber: String
    ) -> DynamoDBStreamEvent.Record {
        let key = item.key.map { DynamoDBAttributeCoding.encode($0).objectValue ?? [:] } ?? [:]
        return DynamoDBStreamEvent.Record(
            eventID: "event-\(sequenceNumber)", eventName: eventName, awsRegion: "us-east-1",
            eventSourceARN: "arn:aws:dynamodb:us-east-1:000000000000:table/stratus/stream/2026-11-23T00:00:00.000",
            dynamodb: DynamoDBStreamEvent.StreamRecord(
                keys: key,
                newImage: eventName == .remove ? nil : DynamoDBAttributeCoding.encode(item).objectValue,
                sequenceNumber: sequenceNumber, sizeBytes: 100, streamViewType: "NEW_IMAGE"))
    }
}
