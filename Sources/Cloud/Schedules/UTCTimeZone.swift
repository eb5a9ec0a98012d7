/// Coordinated Universal Time: the zone of a schedule that names none, as on AWS.
public struct UTCTimeZone: ScheduleTimeZone {
    /// The zone.
    public init() {}

    /// `UTC`.
    public var identifier: String { "UTC" }

    /// Always 0.
    public func secondsFromUTC(at utcSeconds: Int64) -> Int { 0 }
}
