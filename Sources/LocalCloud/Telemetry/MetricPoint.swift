/// One value of a metric, as CloudWatch extracts it from an EMF document.
public struct MetricPoint: Sendable, Equatable {
    /// When the value was recorded, in milliseconds since the Unix epoch (the EMF document's `Timestamp`).
    public var timeMilliseconds: Int64
    /// The function whose output held the EMF document.
    public var function: String
    /// The CloudWatch namespace of the metric.
    public var namespace: String
    /// The metric's name.
    public var name: String
    /// The metric's unit as EMF names it, e.g. `Milliseconds`; `nil` when the document gave none.
    public var unit: String?
    /// The value.
    public var value: Double
    /// The dimension names and values the value was recorded under.
    public var dimensions: [String: String]

    /// Creates a point; the time is in milliseconds since the Unix epoch.
    public init(
        timeMilliseconds: Int64, function: String, namespace: String, name: String, unit: String?, value: Double,
        dimensions: [String: String]
    ) {
        self.timeMilliseconds = timeMilliseconds
        self.function = function
        self.namespace = namespace
        self.name = name
        self.unit = unit
        self.value = value
        self.dimensions = dimensions
    }
}
