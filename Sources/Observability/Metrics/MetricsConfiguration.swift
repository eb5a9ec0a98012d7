/// Where metrics go in CloudWatch: the namespace, the service (a dimension of every metric) and the default
/// dimensions. ``init(environment:)`` reads Powertools' variables.
public struct MetricsConfiguration: Sendable {
    /// The CloudWatch namespace the metrics are published under (`POWERTOOLS_METRICS_NAMESPACE`).
    public var namespace: String
    /// The `service` dimension of every metric (`POWERTOOLS_SERVICE_NAME`); `nil` leaves it out.
    public var service: String?
    /// Dimensions every metric carries besides `service`, in order.
    public var defaultDimensions: [(name: String, value: String)]

    /// Creates a configuration from its parts.
    public init(namespace: String, service: String? = nil, defaultDimensions: [(name: String, value: String)] = []) {
        self.namespace = namespace
        self.service = service
        self.defaultDimensions = defaultDimensions
    }

    /// `POWERTOOLS_METRICS_NAMESPACE` (`default_namespace` without it) and `POWERTOOLS_SERVICE_NAME`.
    public init(environment: [String: String], defaultDimensions: [(name: String, value: String)] = []) {
        self.init(
            namespace: environment["POWERTOOLS_METRICS_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 }
                ?? "default_namespace",
            service: environment["POWERTOOLS_SERVICE_NAME"].flatMap { $0.isEmpty ? nil : $0 },
            defaultDimensions: defaultDimensions
        )
    }

    /// The dimensions of a metric recorded with `dimensions`: `service`, the defaults, then its own (a later name
    /// replaces an earlier one in place).
    func dimensions(adding dimensions: [(String, String)]) -> [(name: String, value: String)] {
        var all: [(name: String, value: String)] = []
        func add(_ name: String, _ value: String) {
            if let index = all.firstIndex(where: { $0.name == name }) {
                all[index].value = value
            } else {
                all.append((name, value))
            }
        }
        if let service { add("service", service) }
        for (name, value) in self.defaultDimensions { add(name, value) }
        for (name, value) in dimensions { add(name, value) }
        return all
    }
}
