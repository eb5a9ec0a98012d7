extension Duration {
    /// The duration in milliseconds, with fractions.
    public var inMilliseconds: Double {
        Double(self.components.seconds) * 1000 + Double(self.components.attoseconds) / 1e15
    }

    /// The whole milliseconds of the duration, rounded down.
    public var wholeMilliseconds: Int64 {
        self.components.seconds * 1000 + self.components.attoseconds / 1_000_000_000_000_000
    }

    /// The whole microseconds of the duration, rounded down.
    public var wholeMicroseconds: Int64 {
        self.components.seconds * 1_000_000 + self.components.attoseconds / 1_000_000_000_000
    }

    /// The whole nanoseconds of the duration, rounded down; a duration of more than about 292 years overflows.
    public var wholeNanoseconds: Int64 {
        self.components.seconds * 1_000_000_000 + self.components.attoseconds / 1_000_000_000
    }
}

extension Double {
    /// The value with exactly two decimals, as Lambda prints durations (`12.30`).
    public var formattedWithTwoDecimals: String {
        let hundredths = Int64((self * 100).rounded())
        let fraction = abs(hundredths % 100)
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
