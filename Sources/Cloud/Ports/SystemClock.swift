import LambdaRuntime

/// The machine's real-time clock: the ``Clock`` of the local cloud and of Lambda.
public struct SystemClock: Clock {
    public init() {}

    public var nowMilliseconds: Int64 { WallClock.nowMilliseconds() }
}
