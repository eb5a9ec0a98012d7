import StratusTesting
import Synchronization
import Testing

@Suite struct EventuallyTests {
    @Test func itReturnsTheFirstValueTheProbeFinds() async throws {
        let probes = Mutex(0)
        let value = try await eventually(interval: .milliseconds(1)) { () -> Int? in
            let count = probes.withLock { count in
                count += 1
                return count
            }
            return count >= 3 ? count : nil
        }
        #expect(value == 3)
    }

    @Test func itThrowsWhenTheStateIsNotReachedInTime() async {
        await #expect(throws: EventuallyTimeout.self) {
            try await eventually(timeout: .milliseconds(20), interval: .milliseconds(5)) { false }
        }
    }
}
