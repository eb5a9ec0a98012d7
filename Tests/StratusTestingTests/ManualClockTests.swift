import Cloud
import StratusTesting
import Testing

@Suite struct ManualClockTests {
    @Test func itMovesOnlyWhenAdvancedToTheMillisecond() {
        let clock = ManualClock(nowMilliseconds: 1_795_469_809_007)
        #expect(clock.nowMilliseconds == 1_795_469_809_007)
        #expect(clock.nowSeconds == 1_795_469_809)
        #expect(clock.nowISO8601 == "2026-11-23T21:36:49.007Z")
        clock.advance(by: .milliseconds(993))
        #expect(clock.nowMilliseconds == 1_795_469_810_000)
        clock.advance(by: .seconds(3600))
        #expect(clock.nowISO8601 == "2026-11-23T22:36:50.000Z")
    }

    @Test func concurrentAdvancesAllCount() async {
        let clock = ManualClock(nowMilliseconds: 0)
        await withTaskGroup { group in
            for _ in 0..<100 {
                group.addTask { clock.advance(by: .milliseconds(5)) }
            }
        }
        #expect(clock.nowMilliseconds == 500)
    }

    @Test func itStartsAtTheRealTimeByDefault() {
        let before = SystemClock().nowMilliseconds
        let clock = ManualClock()
        #expect((before...SystemClock().nowMilliseconds).contains(clock.nowMilliseconds))
    }
}
