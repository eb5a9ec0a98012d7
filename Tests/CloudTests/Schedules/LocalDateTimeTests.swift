import Cloud
import Testing

/// The calendar arithmetic under every schedule: wall-clock fields to seconds and back, leap years, weekdays.
@Suite("Local date and time")
struct LocalDateTimeTests {
    @Test func secondsAndFieldsRoundTripAcrossCenturiesAndLeapDays() {
        // Every 7 hours and 13 minutes from 1969 to 2201, which lands on every hour and many month ends.
        for seconds in stride(from: Int64(-31_536_000), through: 7_289_000_000, by: 25_980) {
            let time = LocalDateTime(secondsSinceEpoch: seconds)
            #expect(time.isValid)
            #expect(time.secondsSinceEpoch == seconds)
        }
    }

    @Test func knownDates() {
        #expect(LocalDateTime(secondsSinceEpoch: 0).description == "1970-01-01T00:00:00")
        #expect(LocalDateTime(secondsSinceEpoch: 951_782_400).description == "2000-02-29T00:00:00")
        #expect(LocalDateTime(secondsSinceEpoch: -1).description == "1969-12-31T23:59:59")
        #expect(LocalDateTime(year: 2100, month: 2, day: 29).isValid == false)
        #expect(LocalDateTime(year: 2000, month: 2, day: 29).isValid)
        #expect(LocalDateTime.daysInMonth(year: 2028, month: 2) == 29)
    }

    @Test func weekdaysCountFromSunday() {
        #expect(LocalDateTime.weekday(year: 1970, month: 1, day: 1) == 5)  // Thursday
        #expect(LocalDateTime.weekday(year: 2026, month: 12, day: 2) == 4)  // Wednesday
        #expect(LocalDateTime.weekday(year: 2026, month: 3, day: 8) == 1)  // Sunday
        #expect(LocalDateTime.weekday(year: 1969, month: 12, day: 27) == 7)  // Saturday
    }
}
