#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Time-ordered (version 7, RFC 9562) UUIDs in their lower-case text form: 48 bits of Unix time in milliseconds,
/// then 74 random bits from the system's secure generator (``RandomBits``).
///
/// Ids made one after another sort, as text and as bytes, in the order they were made (those of one millisecond
/// among themselves at random), so a B-tree keyed by them takes each new one at its end: the local store's commits
/// write the same few pages instead of one page at random per new entity. Their 74 random bits keep them as
/// unguessable as any capability needs; the time they show is the entity's creation time.
package enum TimeOrderedUUID {
    /// A new id made now, e.g. `019af1c2-7e3b-7c4d-9a2b-5c7d9e0f1a2b`.
    package static func make() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Self.make(unixMilliseconds: UInt64(now.tv_sec) * 1000 + UInt64(now.tv_nsec / 1_000_000))
    }

    /// A new id made at `unixMilliseconds` (its last 48 bits).
    package static func make(unixMilliseconds: UInt64) -> String {
        let random = RandomBits.next128()
        let high = (unixMilliseconds << 16) | 0x7000 | (random.high & 0x0FFF)  // version 7
        let low = (random.low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000  // RFC 9562 variant
        return UUIDText.lowercased(high: high, low: low)
    }
}
