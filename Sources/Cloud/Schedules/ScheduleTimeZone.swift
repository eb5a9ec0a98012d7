/// The rules of a time zone, as much as schedules need: the offset from UTC at any instant. The local cloud gives
/// IANA zones read from the system's zone database; ``UTCTimeZone`` is the default zone of every schedule.
///
/// The protocol keeps `Cloud` free of full Foundation (whose time zones need ICU), since the Lambda bootstrap links it.
public protocol ScheduleTimeZone: Sendable {
    /// The zone's name, e.g. `America/New_York` or `UTC`.
    var identifier: String { get }

    /// How many seconds the zone's clocks are ahead of UTC at `utcSeconds` (seconds since the Unix epoch).
    func secondsFromUTC(at utcSeconds: Int64) -> Int
}

extension ScheduleTimeZone {
    /// What the zone's clocks show at `utcSeconds`.
    public func localDateTime(at utcSeconds: Int64) -> LocalDateTime {
        LocalDateTime(secondsSinceEpoch: utcSeconds + Int64(self.secondsFromUTC(at: utcSeconds)))
    }

    /// The first instant (UTC seconds) at which the zone's clocks show `local`: `nil` when the clocks skip it
    /// (a spring-forward gap); the earlier of two instants when they show it twice (a fall-back overlap).
    ///
    /// Looks at the offsets a day either side, which holds for every real zone: no zone changes its offset twice
    /// within two days.
    public func firstInstant(of local: LocalDateTime) -> Int64? {
        let wall = local.secondsSinceEpoch
        let offsets = [self.secondsFromUTC(at: wall - 86_400), self.secondsFromUTC(at: wall + 86_400)]
        let instants = offsets.map { wall - Int64($0) }.filter { self.localDateTime(at: $0) == local }
        return instants.min()
    }
}
