/// A function's health over a window, as CloudWatch's `AWS/Lambda` metrics show it: invocations (throttled ones
/// not counted), errors, throttles, cold starts, and the duration's percentiles (nearest rank) in milliseconds.
public struct FunctionStatistics: Encodable, Sendable, Equatable {
    public let function: String
    public let invocations: Int
    public let errors: Int
    public let throttles: Int
    public let coldStarts: Int
    public let duration: Percentiles?

    public struct Percentiles: Encodable, Sendable, Equatable {
        public let p50: Double
        public let p90: Double
        public let p99: Double
    }

    public init(function: String, records: [InvocationRecord]) {
        let ran = records.filter { $0.outcome != .throttle }
        self.function = function
        self.invocations = ran.count
        self.errors = ran.count { $0.outcome == .error }
        self.throttles = records.count - ran.count
        self.coldStarts = ran.count { $0.isColdStart }
        let sorted = ran.map(\.durationMicroseconds).sorted()
        func percentile(_ fraction: Double) -> Double {
            let rank = max(1, Int((fraction * Double(sorted.count)).rounded(.up)))
            return Double(sorted[min(rank, sorted.count) - 1]) / 1000
        }
        self.duration = sorted.isEmpty ? nil : Percentiles(p50: percentile(0.5), p90: percentile(0.9), p99: percentile(0.99))
    }

    /// Statistics of every function in `functions` and of any other that has records, by name.
    public static func of(_ functions: [String], records: [InvocationRecord]) -> [FunctionStatistics] {
        let byFunction = Dictionary(grouping: records, by: \.function)
        let names = Set(functions).union(byFunction.keys).sorted()
        return names.map { FunctionStatistics(function: $0, records: byFunction[$0] ?? []) }
    }
}
