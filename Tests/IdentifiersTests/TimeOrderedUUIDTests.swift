import Foundation
import Identifiers
import Testing

@Suite struct TimeOrderedUUIDTests {
    /// RFC 9562's layout: the first 48 bits are the time in Unix milliseconds, big-endian.
    @Test func theFirst48BitsAreTheUnixMilliseconds() throws {
        let id = TimeOrderedUUID.make(unixMilliseconds: 1_796_660_000_123)
        let digits = id.replacingOccurrences(of: "-", with: "")
        #expect(UInt64(digits.prefix(12), radix: 16) == 1_796_660_000_123)
        let before = UInt64(Date().timeIntervalSince1970 * 1000)
        let now = try #require(
            UInt64(TimeOrderedUUID.make().replacingOccurrences(of: "-", with: "").prefix(12), radix: 16))
        #expect((before...before + 5_000).contains(now), "\(now) is not the time it was made at (\(before))")
    }

    /// Ids of later milliseconds sort after earlier ones as text, the order a store's index keeps them in.
    @Test func laterIdsSortAfterEarlierOnes() {
        let ids = (0..<200).map { TimeOrderedUUID.make(unixMilliseconds: 1_796_660_000_000 + UInt64($0)) }
        #expect(ids == ids.sorted())
        #expect(Set(ids.map { $0.suffix(17) }).count == ids.count, "the random part repeated")
    }
}
