import LambdaRuntime

/// Where the time of the business rules comes from: orders' and profiles' timestamps, tokens' lifetimes, items'
/// time to live, idempotency records, sign-in throttling and reset codes. The local cloud and the Lambda bootstrap
/// run on ``SystemClock``; tests hand in a clock they move themselves instead of waiting for time to pass.
///
/// Named after the port, it shadows the standard library's `Clock` in modules that import `Cloud`; that protocol
/// measures durations, this one tells the time of day.
public protocol Clock: Sendable {
    /// The current time in UTC, in milliseconds since the Unix epoch.
    var nowMilliseconds: Int64 { get }
}

extension Clock {
    /// The current time in whole seconds since the Unix epoch, as items' time to live and tokens count it.
    public var nowSeconds: Int64 { self.nowMilliseconds / 1000 }

    /// The current time as ISO 8601 in UTC with milliseconds, e.g. `2026-11-22T21:36:49.123Z`.
    public var nowISO8601: String { WallClock.iso8601(milliseconds: self.nowMilliseconds) }
}
