import LambdaRuntime
import Testing

/// A duration in whole units, rounded down, from both its seconds and its fraction of a second.
@Suite struct DurationWholeUnitsTests {
    @Test func wholeUnitsCountTheSecondsAndTheFractionRoundedDown() {
        let duration = Duration.seconds(2) + .nanoseconds(3_456_789)
        #expect(duration.wholeMilliseconds == 2_003)
        #expect(duration.wholeMicroseconds == 2_003_456)
        #expect(duration.wholeNanoseconds == 2_003_456_789)
        #expect(Duration.milliseconds(10).wholeNanoseconds == 10_000_000)
        #expect(Duration.zero.wholeNanoseconds == 0)
    }
}
