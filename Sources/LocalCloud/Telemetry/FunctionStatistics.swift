/// A function's health over a window, as CloudWatch's `AWS/Lambda` metrics show it: invocations (throttled ones
/// not counted), errors, throttles, cold starts, and the duration's percentiles (nearest rank) in milliseconds.
public struct FunctionStatistics: Encodable, Sendable, Equatable {
    /// The function's name.
    public let function: String
    /// How many invocations ran in the window, failed ones included, throttled ones not.
    public let invocations: Int
    /// How many invocations failed or timed out.
    public let errors: Int
    /// How many invocations were refused at the function's concurrency limit.
    public let throttles: Int
    /// How many invocations were cold starts.
    public let coldStarts: Int
    /// The duration's percentiles in milliseconds; `nil` without invocations.
    public let duration: Percentiles?

    /// The 50th, 90th and 99th percentiles of a duration, in milliseconds, by nearest rank.
    public struct Percentiles: Encodable, Sendable, Equatable {
        /// The median, in milliseconds.
        public let p50: Double
        /// The 90th percentile, in milliseconds.
        public let p90: Double
        /// The 99th percentile, in milliseconds.
        public let p99: Double

        /// Creates percentiles from values in milliseconds.
        public init(p50: Double, p90: Double, p99: Double) {
            self.p50 = p50
            self.p90 = p90
            self.p99 = p99
        }

        /// The percentiles of `count` values, read by `value(rank)`: the value at a 1-based rank in ascending
        /// order (only the ranks of ``percents`` are asked for); `nil` without values.
        init?(count: Int, value: (Int) -> Double?) {
            guard count > 0, let p50 = value(Self.rank(ofPercent: 50, among: count)),
                let p90 = value(Self.rank(ofPercent: 90, among: count)),
                let p99 = value(Self.rank(ofPercent: 99, among: count))
            else { return nil }
            self.init(p50: p50, p90: p90, p99: p99)
        }

        /// The percentiles given.
        static let percents = [50, 90, 99]

        /// The nearest rank of `percent` among `count` values, `⌈percent × count / 100⌉`, in integers; ``rankSQL``
        /// computes the same in a query.
        static func rank(ofPercent percent: Int, among count: Int) -> Int {
            max(1, (percent * count + 99) / 100)
        }

        /// ``rank(ofPercent:among:)`` of each of ``percents`` as SQL over a column `total`, comma-separated.
        static let rankSQL = Self.percents.map { "(total * \($0) + 99) / 100" }.joined(separator: ", ")
    }

    /// Creates statistics; the defaults are those of a function that was not invoked.
    public init(
        function: String, invocations: Int = 0, errors: Int = 0, throttles: Int = 0, coldStarts: Int = 0,
        duration: Percentiles? = nil
    ) {
        self.function = function
        self.invocations = invocations
        self.errors = errors
        self.throttles = throttles
        self.coldStarts = coldStarts
        self.duration = duration
    }

    /// The statistics of every function in `functions` (none recorded yet: all zero) and of any other in
    /// `recorded`, by name.
    public static func of(_ functions: [String], recorded: [FunctionStatistics]) -> [FunctionStatistics] {
        let byFunction = Dictionary(recorded.map { ($0.function, $0) }) { first, _ in first }
        let names = Set(functions).union(byFunction.keys).sorted()
        return names.map { byFunction[$0] ?? FunctionStatistics(function: $0) }
    }
}
