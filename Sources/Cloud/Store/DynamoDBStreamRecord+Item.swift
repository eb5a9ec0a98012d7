public import LambdaEvents

extension DynamoDBStreamEvent.StreamRecord {
    /// The item after the change, as the store holds it; `nil` when the stream's view type leaves the new image out,
    /// on `REMOVE`, or when the image is not an item (an attribute of a type the store does not have).
    public var newItem: Item? {
        self.newImage.flatMap { DynamoDBAttributeCoding.decodeItem(.object($0)) }
    }
}
