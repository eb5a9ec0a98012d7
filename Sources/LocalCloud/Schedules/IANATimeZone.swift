public import Cloud
import Foundation

/// A time zone of the IANA database (`America/New_York`, `Europe/Berlin`), with its daylight-saving rules as
/// Foundation reads them from the system's zone files (`/usr/share/zoneinfo` on Linux).
public struct IANATimeZone: ScheduleTimeZone {
    /// The longest zone name Scheduler accepts.
    public static let maximumIdentifierLength = 50

    private let zone: TimeZone

    /// The zone named `identifier`; throws Scheduler's validation error for a name the database does not know.
    public init(identifier: String) throws(ScheduleExpressionError) {
        guard identifier.utf8.count <= Self.maximumIdentifierLength, let zone = TimeZone(identifier: identifier) else {
            throw ScheduleExpressionError(
                .invalidTimeZone, identifier, reason: "'\(identifier)' is not a time zone of the IANA database")
        }
        self.zone = zone
    }

    /// The zone's name, e.g. `Europe/Berlin`.
    public var identifier: String { self.zone.identifier }

    /// The zone's offset from UTC at `utcSeconds`, daylight saving time included.
    public func secondsFromUTC(at utcSeconds: Int64) -> Int {
        self.zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utcSeconds)))
    }

    /// The zone named `identifier`: ``UTCTimeZone`` for `UTC`, else the IANA zone of that name.
    public static func named(_ identifier: String) throws(ScheduleExpressionError) -> any ScheduleTimeZone {
        identifier == "UTC" ? UTCTimeZone() : try IANATimeZone(identifier: identifier)
    }
}
