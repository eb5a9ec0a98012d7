import Testing

@testable import LambdaRuntime

@Suite("Runtime API invocation headers")
struct InvocationHeaderTests {
    let now: Int64 = 1_800_000_000_000

    @Test func aDeadlineMustBeMillisecondsWithinADayOfNow() {
        #expect(
            LambdaDeadline(header: String(self.now + 900_000), nowMilliseconds: self.now)?.millisecondsSinceEpoch
                == self.now + 900_000)
        #expect(
            LambdaDeadline(header: String(self.now - 1000), nowMilliseconds: self.now) != nil,
            "a deadline just past is a timeout, not malformed")
        for header in [
            String(Int64.max), String(Int64.min), "0", "-1", "1e3", "", " 1800000000000", String(self.now + 86_400_001),
        ] {
            #expect(LambdaDeadline(header: header, nowMilliseconds: self.now) == nil, "\(header)")
        }
    }

    @Test func aRequestIDMustBeOneSafePathSegment() {
        #expect(InvocationMetadata.isSafeRequestID("8476a536-e9f4-11e8-9739-2dfe598c3fcd"))
        for requestID in [
            "", ".", "..", "../init", "a/b", "a?b", "a%2Fb", "a b", "ü", String(repeating: "a", count: 129),
        ] {
            #expect(!InvocationMetadata.isSafeRequestID(requestID), "\(requestID)")
        }
    }

    @Test func theTimeLeftUntilAnyDeadlineIsComputedWithoutOverflow() {
        #expect(LambdaDeadline(millisecondsSinceEpoch: .min).remainingTime() == .zero)
        #expect(LambdaDeadline(millisecondsSinceEpoch: .max).remainingTime() > .seconds(86_400 * 365))
    }
}
