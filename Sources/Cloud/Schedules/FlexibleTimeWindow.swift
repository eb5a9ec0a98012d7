/// How far after its time a schedule may run: exactly on time (within the minute), or at a random moment of a
/// window of up to 1,440 minutes that opens at the scheduled time, which spreads the load of many schedules.
public enum FlexibleTimeWindow: Sendable, Hashable {
    /// Runs at the scheduled time.
    case off
    /// Runs within this many minutes (1 to 1,440) after the scheduled time.
    case flexible(maximumWindowMinutes: Int)

    /// The longest window Scheduler accepts, a day.
    public static let maximumMinutes = 1440

    /// A flexible window of `minutes`, or `nil` when `minutes` is outside 1...1440.
    public static func flexible(minutes: Int) -> FlexibleTimeWindow? {
        (1...Self.maximumMinutes).contains(minutes) ? .flexible(maximumWindowMinutes: minutes) : nil
    }

    /// The window's length in milliseconds; 0 when off.
    public var milliseconds: Int64 {
        switch self {
        case .off: 0
        case .flexible(let minutes): Int64(minutes) * 60_000
        }
    }
}
