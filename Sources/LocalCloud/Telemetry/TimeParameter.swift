import Foundation

/// A point in time as the telemetry API and CLI take it: ISO 8601 (`2026-12-01T10:00:00Z`, fractions allowed),
/// milliseconds since the epoch, or a span back from now (`30s`, `15m`, `2h`, `7d`).
public enum TimeParameter {
    /// Milliseconds since the epoch; `nil` when `text` is none of the forms.
    public static func milliseconds(_ text: String, nowMilliseconds: Int64) -> Int64? {
        if let epoch = Int64(text), epoch >= 0 { return epoch }
        if let span = Self.spanMilliseconds(text) { return nowMilliseconds - span }
        for style in [Date.ISO8601FormatStyle(includingFractionalSeconds: true), Date.ISO8601FormatStyle()] {
            if let date = try? style.parse(text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        }
        return nil
    }

    /// A span such as `30s`, `15m`, `2h` or `7d` in milliseconds; `nil` for anything else.
    public static func spanMilliseconds(_ text: String) -> Int64? {
        guard let last = text.last, let amount = Int64(text.dropLast()), amount >= 0 else { return nil }
        let unit: Int64? =
            switch last {
            case "s": 1000
            case "m": 60_000
            case "h": 3_600_000
            case "d": 86_400_000
            default: nil
            }
        guard let unit, amount <= Int64.max / unit else { return nil }
        return amount * unit
    }
}
