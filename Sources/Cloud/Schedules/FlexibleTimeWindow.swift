/// How far after its time a schedule may run: exactly on time (within the minute), or at a random moment of a
/// window of 1 to 1,440 minutes that opens at the scheduled time, which spreads the load of many schedules.
public struct FlexibleTimeWindow: Sendable, Hashable {
    /// The longest window Scheduler accepts, a day.
    public static let maximumMinutes = 1440

    /// Runs at the scheduled time (Scheduler's mode `OFF`).
    public static let off = FlexibleTimeWindow(maximumWindowMinutes: 0)

    /// The window's length in minutes, 1 to 1,440; 0 when off.
    public let maximumWindowMinutes: Int

    private init(maximumWindowMinutes: Int) {
        self.maximumWindowMinutes = maximumWindowMinutes
    }

    /// A flexible window of `minutes` (Scheduler's mode `FLEXIBLE`), or `nil` when `minutes` is outside 1...1440.
    public static func flexible(minutes: Int) -> FlexibleTimeWindow? {
        (1...Self.maximumMinutes).contains(minutes) ? FlexibleTimeWindow(maximumWindowMinutes: minutes) : nil
    }

    /// The window's length in milliseconds; 0 when off.
    public var milliseconds: Int64 { Int64(self.maximumWindowMinutes) * 60_000 }
}
