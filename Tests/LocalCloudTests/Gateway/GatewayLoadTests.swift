import Testing

@testable import LocalCloud

/// The gateway's load as the work that waits for it sees it: one client's requests one after another never hold
/// anything back, as many overlapping requests as ``GatewayLoad/saturation`` do until they end or the limit passes.
@Suite struct GatewayLoadTests {
    /// How long `body` took.
    static func timed<T>(_ body: () async -> T) async -> (T, Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let value = await body()
        return (value, clock.now - start)
    }

    @Test func aGatewayThatAnsweredNothingHasSpareCapacityAtOnce() async {
        let (spare, took) = await Self.timed { await GatewayLoad().waitForSpareCapacity(atMost: .seconds(30)) }
        #expect(spare)
        #expect(took < .seconds(5))
    }

    /// Requests that take long, fewer than ``GatewayLoad/saturation`` of them, are a few clients waiting for answers.
    @Test func fewerRequestsAtOnceThanSaturateTheGatewayHoldNothingBack() async {
        let load = GatewayLoad()
        for _ in 0..<3 {
            load.begin()
            load.end()
        }
        for _ in 1..<GatewayLoad.crowd { load.begin() }
        let (spare, took) = await Self.timed { await load.waitForSpareCapacity(atMost: .seconds(30)) }
        #expect(spare)
        #expect(took < .seconds(5))
    }

    @Test func overlappingRequestsHoldWorkBackUntilTheLimit() async {
        let load = GatewayLoad()
        for _ in 0..<GatewayLoad.crowd { load.begin() }
        let (spare, took) = await Self.timed { await load.waitForSpareCapacity(atMost: .milliseconds(300)) }
        #expect(!spare)
        #expect(took >= .milliseconds(300))
    }

    /// Once the gateway looked saturated, a moment with fewer requests in flight does not end the wait: two at once
    /// on average keep it saturated, one does not.
    @Test func aCrowdThatThinsToTwoRequestsStillHoldsWorkBackAndToOneLetsItGo() async {
        let load = GatewayLoad()
        for _ in 0..<GatewayLoad.crowd { load.begin() }
        for _ in 2..<GatewayLoad.crowd { load.end() }
        #expect(await load.waitForSpareCapacity(atMost: .milliseconds(300)) == false)
        load.end()
        #expect(await load.waitForSpareCapacity(atMost: .seconds(30)))
    }

    @Test(.timeLimit(.minutes(1))) func workGoesOnOnceTheOverlappingRequestsAreAnswered() async {
        let load = GatewayLoad()
        for _ in 0..<GatewayLoad.crowd { load.begin() }
        let clock = ContinuousClock()
        let waiting = Task { await load.waitForSpareCapacity(atMost: .seconds(30)) }
        try? await Task.sleep(for: .milliseconds(300))
        let answered = clock.now
        for _ in 0..<GatewayLoad.crowd { load.end() }
        #expect(await waiting.value)
        #expect(clock.now - answered < .seconds(20), "it waited for the limit, not for the requests")
    }

    /// A wait still running when it is cancelled ends without spare capacity: it had found none in 300 ms.
    @Test(.timeLimit(.minutes(1))) func theWaitLastsAsLongAsTheOverlapAndEndsWhenCancelled() async {
        let load = GatewayLoad()
        for _ in 0..<GatewayLoad.crowd { load.begin() }
        let waiting = Task { await load.waitForSpareCapacity(atMost: .seconds(30)) }
        try? await Task.sleep(for: .milliseconds(300))
        waiting.cancel()
        #expect(await waiting.value == false, "it found spare capacity while the gateway was saturated")
    }
}
