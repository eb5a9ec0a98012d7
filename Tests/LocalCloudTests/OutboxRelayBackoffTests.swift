import Testing

@testable import LocalCloud

/// The rests of a stopped outbox shard: doubling from the first up to the longest, and starting over after a success.
@Suite struct OutboxRelayBackoffTests {
    @Test func doublesUpToTheLongestAndStartsOverAfterASuccess() {
        var backoff = RelayBackoff(first: .milliseconds(50), longest: .milliseconds(300))
        let rests = (0..<5).map { _ in backoff.next() }
        #expect(
            rests == [
                .milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(300), .milliseconds(300),
            ])
        backoff.reset()
        #expect(backoff.next() == .milliseconds(50))
    }

    @Test func aLongestShorterThanTheFirstRestsTheFirst() {
        var backoff = RelayBackoff(first: .seconds(1), longest: .milliseconds(10))
        #expect([backoff.next(), backoff.next()] == [.seconds(1), .seconds(1)])
    }
}
