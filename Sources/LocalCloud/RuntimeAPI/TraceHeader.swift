import LambdaRuntime

/// X-Ray trace headers (`Root=1-<8 hex time>-<24 hex>;Parent=<16 hex>;Sampled=<0|1>`).
enum TraceHeader {
    /// A new trace that is not sampled, for invocations that arrive without one.
    static func unsampled() -> String {
        let epochSeconds = UInt32(truncatingIfNeeded: WallClock.nowMilliseconds() / 1000)
        let root = "1-\(hex(UInt64(epochSeconds), digits: 8))-\(hex(.random(in: .min ... .max), digits: 8))"
            + hex(.random(in: .min ... .max), digits: 16)
        return "Root=\(root);Parent=\(hex(.random(in: .min ... .max), digits: 16));Sampled=0"
    }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        let padded = String(repeating: "0", count: max(0, digits - text.count)) + text
        return String(padded.suffix(digits))
    }
}
