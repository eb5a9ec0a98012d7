import LambdaRuntime

/// A metric value as the API lists it.
struct MetricValue: Encodable {
    let timestamp: String
    let function: String
    let namespace: String
    let name: String
    let unit: String?
    let value: Double
    let dimensions: [String: String]

    init(_ point: MetricPoint) {
        self.timestamp = WallClock.iso8601(milliseconds: point.timeMilliseconds)
        self.function = point.function
        self.namespace = point.namespace
        self.name = point.name
        self.unit = point.unit
        self.value = point.value
        self.dimensions = point.dimensions
    }
}
