/// One value of a metric, as CloudWatch extracts it from an EMF document.
public struct MetricPoint: Sendable, Equatable {
    public var timeMilliseconds: Int64
    public var function: String
    public var namespace: String
    public var name: String
    public var unit: String?
    public var value: Double
    /// The dimension names and values the value was recorded under.
    public var dimensions: [String: String]

    public init(timeMilliseconds: Int64, function: String, namespace: String, name: String, unit: String?, value: Double, dimensions: [String: String]) {
        self.timeMilliseconds = timeMilliseconds
        self.function = function
        self.namespace = namespace
        self.name = name
        self.unit = unit
        self.value = value
        self.dimensions = dimensions
    }
}
