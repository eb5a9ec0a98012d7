import Cloud

/// The `time` of an event's envelope: ISO 8601 with a zone designator (`2026-11-23T21:36:49.007Z`,
/// `2026-11-24T01:00:00+02:00`), fractional seconds optional.
enum EventTime {
    /// The whole seconds since the Unix epoch `time` names (its fraction dropped), `nil` when it is not such a time.
    static func secondsSinceEpoch(_ time: String) -> Int64? {
        // `YYYY-MM-DDTHH:MM:SS`, then optional fractional seconds, then `Z` or `±HH:MM`.
        let bytes = Array(time.utf8)
        guard bytes.count >= 20, bytes.count <= 64 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        let separators: [(Int, Character)] = [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":")]
        guard separators.allSatisfy({ bytes[$0.0] == $0.1.asciiValue }),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            hour < 24, minute < 60, second < 61
        else { return nil }
        let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard LocalDateTime(year: year, month: month, day: day).isValid else { return nil }
        var rest = bytes[19...]
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            let digits = rest.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            guard !digits.isEmpty else { return nil }
            rest = rest.dropFirst(digits.count)
        }
        var offsetSeconds: Int64 = 0
        if rest.elementsEqual("Z".utf8) {
            offsetSeconds = 0
        } else {
            let zone = Array(rest)
            guard zone.count == 6, zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-"),
                zone[3] == UInt8(ascii: ":"),
                let hours = Int(String(decoding: zone[1..<3], as: UTF8.self)),
                let minutes = Int(String(decoding: zone[4..<6], as: UTF8.self)), hours < 24, minutes < 60
            else { return nil }
            offsetSeconds = Int64(hours * 3600 + minutes * 60) * (zone[0] == UInt8(ascii: "-") ? -1 : 1)
        }
        return local.secondsSinceEpoch - offsetSeconds
    }
}
