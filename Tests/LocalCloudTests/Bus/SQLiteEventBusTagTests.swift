import Cloud
import LocalCloud
import StratusTesting
import Testing

/// What the contract cannot show of the local bus's tags: requests racing for the last places of a resource.
@Suite struct SQLiteEventBusTagTests {
    /// Sixty requests of one new tag each, at once, on a bus that holds at most fifty: fifty are kept, the other ten
    /// are refused as a whole, and no refused tag is kept.
    @Test func racingRequestsNeverTakeAResourcePastFiftyTags() async throws {
        let directory = try TemporaryDirectory()
        let bus = try SQLiteEventBus(path: directory.path("bus.sqlite"))
        try await bus.createEventBus("shop")
        let refused = await withTaskGroup(of: String?.self) { group in
            for index in 0..<60 {
                group.addTask {
                    do throws(EventBusError) {
                        try await bus.tag(.bus("shop"), with: ["k\(index)": "v"])
                        return nil
                    } catch {
                        return error.code == .validation ? "k\(index)" : "unexpected \(error)"
                    }
                }
            }
            var refused: [String] = []
            for await key in group { if let key { refused.append(key) } }
            return refused
        }
        let kept = try await bus.tags(of: .bus("shop"))
        #expect(kept.count == ResourceTags.maximumCount)
        #expect(refused.count == 10)
        #expect(Set(refused).isDisjoint(with: kept.keys))
        #expect(Set(refused).union(kept.keys).count == 60)
    }
}
