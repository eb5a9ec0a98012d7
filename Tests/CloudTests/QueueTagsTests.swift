import Cloud
import Testing

@Suite struct QueueTagsTests {
    @Test(arguments: [
        ["team": "aws:billing"], ["team": "AWS:x"], ["aws:team": "x"], ["team\tname": "x"], ["team": "a\nb"],
        ["team": "a\u{85}b"], ["team": "a\rb"],
    ])
    func aReservedPrefixInAKeyOrAValueOrAControlCharacterIsRefused(tags: [String: String]) {
        #expect(throws: MessageQueueError.self) { try QueueTags.validate(tags) }
    }

    @Test func spacesOfEveryKindAndSQSsSymbolsAreAllowed() throws {
        try QueueTags.validate(["cost centre": "a\u{00A0}b\u{2028}c", "été/Q3": "x_y.z:w=v+u-t@s", "k": "awsome"])
    }
}
