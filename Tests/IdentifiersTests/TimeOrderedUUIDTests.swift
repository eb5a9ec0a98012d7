import Foundation
import Identifiers
import Testing

@Suite struct TimeOrderedUUIDTests {
    @Test func idsAreVersion7UUIDsFoundationReadsAndNeverRepeat() {
        var seen: Set<String> = []
        for _ in 0..<300 {
            let id = TimeOrderedUUID.make()
            #expect(
                id.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil, "\(id)"
            )
            #expect(UUID(uuidString: id)?.uuidString.lowercased() == id)
            seen.insert(id)
        }
        #expect(seen.count == 300)
    }

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
