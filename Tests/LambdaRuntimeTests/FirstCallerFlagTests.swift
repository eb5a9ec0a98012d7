import LambdaRuntime
import Testing

@Suite("First caller flag")
struct FirstCallerFlagTests {
    @Test func onlyTheFirstClaimWins() {
        let flag = FirstCallerFlag()
        #expect(!flag.isClaimed)
        #expect(flag.claim())
        #expect(flag.isClaimed)
        #expect(!flag.claim())
    }

    @Test func exactlyOneOfManyConcurrentCallersWins() async {
        let flag = FirstCallerFlag()
        let winners = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<64 {
                group.addTask { flag.claim() }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(winners == 1)
    }
}
