import Foundation
import Identifiers
import Testing

/// Both kinds of id the system makes, random (version 4) and time-ordered (version 7), are UUIDs of their version
/// in lower-case text, read by Foundation as the same id, and never repeat.
@Suite struct UUIDVersionTests {
    @Test(arguments: [("4", RandomUUID.make), ("7", TimeOrderedUUID.make)] as [(String, @Sendable () -> String)])
    func idsAreUUIDsOfTheirVersionThatFoundationReadsAndNeverRepeat(
        version: String, make: @Sendable () -> String
    ) throws {
        let layout = try Regex("[0-9a-f]{8}-[0-9a-f]{4}-\(version)[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
        var seen: Set<String> = []
        for _ in 0..<300 {
            let id = make()
            #expect(id.wholeMatch(of: layout) != nil, "\(id)")
            #expect(UUID(uuidString: id)?.uuidString.lowercased() == id)
            seen.insert(id)
        }
        #expect(seen.count == 300)
    }
}
