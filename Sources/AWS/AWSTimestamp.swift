/// A UTC instant to the second, in the forms AWS uses: `20150830T123600Z` in signatures, `2015-08-30T12:36:00Z` in
/// credential documents.
public struct AWSTimestamp: Sendable, Equatable, Comparable {
    /// Seconds since the Unix epoch.
    public let secondsSinceEpoch: Int64

    /// The instant `secondsSinceEpoch` seconds after the Unix epoch.
    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// The instant `milliseconds` after the Unix epoch, rounded down to the second.
    public init(milliseconds: Int64) {
        self.secondsSinceEpoch = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
    }

    /// Parses ISO 8601 in UTC as AWS writes it: `2015-08-30T12:36:00Z`, optionally with fractional seconds (dropped)
    /// or a `+00:00` offset; `nil` for anything else.
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count <= 40 else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        let separators: [(Int, UInt8)] = [(4, 0x2D), (7, 0x2D), (13, 0x3A), (16, 0x3A)]
        guard separators.allSatisfy({ bytes[$0.0] == $0.1 }),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var rest = bytes[19...]
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst().drop { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
        guard rest.elementsEqual("Z".utf8) || rest.elementsEqual("z".utf8) || rest.elementsEqual("+00:00".utf8) else {
            return nil
        }
        let days = Self.daysSinceEpoch(year: year, month: month, day: day)
        self.secondsSinceEpoch = days * 86_400 + hour * 3_600 + minute * 60 + second
    }

    /// Milliseconds since the Unix epoch.
    public var milliseconds: Int64 { self.secondsSinceEpoch * 1000 }

    /// `YYYYMMDD'T'HHMMSS'Z'`, the form of `X-Amz-Date`.
    public var basicDateTime: String { self.formatted(dateSeparator: nil, timeSeparator: nil) }

    /// `YYYYMMDD`, the date of a credential scope.
    public var basicDate: String { String(self.basicDateTime.prefix(8)) }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var iso8601: String {
        self.formatted(dateSeparator: UInt8(ascii: "-"), timeSeparator: UInt8(ascii: ":"))
    }

    /// Date and time with the separators given, written into one buffer on the stack: signing formats a time for
    /// every request.
    private func formatted(dateSeparator: UInt8?, timeSeparator: UInt8?) -> String {
        let parts = self.civilParts
        // A year of Int64 takes at most 20 bytes, the rest 16.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            var count = 0
            Self.writeDigits(parts.year, 4, after: nil, to: buffer, at: &count)
            Self.writeDigits(parts.month, 2, after: dateSeparator, to: buffer, at: &count)
            Self.writeDigits(parts.day, 2, after: dateSeparator, to: buffer, at: &count)
            Self.writeDigits(parts.hour, 2, after: UInt8(ascii: "T"), to: buffer, at: &count)
            Self.writeDigits(parts.minute, 2, after: timeSeparator, to: buffer, at: &count)
            Self.writeDigits(parts.second, 2, after: timeSeparator, to: buffer, at: &count)
            buffer[count] = UInt8(ascii: "Z")
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<(count + 1)]), as: UTF8.self)
        }
    }

    /// Whether `lhs` is earlier than `rhs`.
    public static func < (lhs: AWSTimestamp, rhs: AWSTimestamp) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    private var civilParts: (year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64) {
        let days = Self.floorDivide(self.secondsSinceEpoch, 86_400)
        let secondOfDay = self.secondsSinceEpoch - days * 86_400
        // Howard Hinnant's days-to-civil, on eras of 400 years that start on 1 March.
        let shifted = days + 719_468
        let era = Self.floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, secondOfDay / 3_600, secondOfDay % 3_600 / 60, secondOfDay % 60)
    }

    private static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let marchYear = month <= 2 ? year - 1 : year
        let era = Self.floorDivide(marchYear, 400)
        let yearOfEra = marchYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    }

    /// Writes `separator`, if any, then `value` in decimal, padded with zeros to `width` digits, to `buffer` at
    /// `count`, and moves `count` past them.
    private static func writeDigits(
        _ value: Int64, _ width: Int, after separator: UInt8?, to buffer: UnsafeMutableBufferPointer<UInt8>,
        at count: inout Int
    ) {
        if let separator {
            buffer[count] = separator
            count += 1
        }
        if width == 2 || width == 4, value >= 0, value < (width == 4 ? 10_000 : 100) {
            var divisor: Int64 = width == 4 ? 1_000 : 10
            while divisor > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(value / divisor % 10)
                count += 1
                divisor /= 10
            }
            return
        }
        let decimal = String(value)
        for _ in 0..<max(0, width - decimal.utf8.count) {
            buffer[count] = UInt8(ascii: "0")
            count += 1
        }
        for byte in decimal.utf8 {
            buffer[count] = byte
            count += 1
        }
    }
}
