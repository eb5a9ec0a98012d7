public import LambdaRuntime
import Synchronization

/// Metrics as CloudWatch's embedded metric format: values gather per metric and dimension set until ``flush()``
/// (at the end of each invocation) prints them as EMF documents, one JSON line each, within EMF's limits — at most
/// 100 metrics per document and 100 values per metric (more becomes more documents) and 30 dimensions.
public final class EMFMetrics: Sendable {
    public let configuration: MetricsConfiguration
    private let sink: any LogSink
    private let nowMilliseconds: @Sendable () -> Int64
    private let pending = Mutex<[MetricGroup]>([])
    private let directives = MetricDirectiveCache()

    public init(
        configuration: MetricsConfiguration,
        sink: any LogSink = StandardOutputLogSink(),
        nowMilliseconds: @escaping @Sendable () -> Int64 = WallClock.nowMilliseconds
    ) {
        self.configuration = configuration
        self.sink = sink
        self.nowMilliseconds = nowMilliseconds
    }

    /// Adds one value of the metric `name` with `dimensions` (besides `service` and the defaults).
    public func add(
        _ name: String,
        value: Double,
        unit: MetricUnit = .count,
        resolution: MetricResolution = .standard,
        dimensions: [(String, String)] = []
    ) throws(MetricsError) {
        let dimensions = self.configuration.dimensions(adding: dimensions)
        guard dimensions.count <= EMFLimits.maximumDimensions else { throw .tooManyDimensions(dimensions.count) }
        for (dimension, dimensionValue) in dimensions {
            guard Self.isValidText(dimension), Self.isValidText(dimensionValue), dimension != "_aws" else {
                throw .invalidDimension(dimension)
            }
        }
        guard Self.isValidText(name), name != "_aws", !dimensions.contains(where: { $0.name == name }) else {
            throw .invalidName(name)
        }
        guard value.isFinite else { throw .invalidValue(name: name) }
        self.pending.withLock { groups in
            let index =
                groups.firstIndex { $0.hasDimensions(dimensions) }
                ?? {
                    groups.append(MetricGroup(dimensions: dimensions))
                    return groups.count - 1
                }()
            groups[index].add(name, value: value, unit: unit, resolution: resolution)
        }
    }

    /// Prints every gathered value as EMF documents and starts over; prints nothing when nothing was gathered.
    /// - Parameter metadata: Properties each document carries besides its metrics and dimensions (such as the request,
    ///   correlation and trace ids, to find an invocation's metrics in its log); asked for only when there is
    ///   something to print.
    public func flush(metadata: () -> [(name: String, value: String)] = { [] }) {
        let groups = self.pending.withLock { groups in
            defer { groups = [] }
            return groups
        }
        guard !groups.isEmpty else { return }
        let timestamp = self.nowMilliseconds()
        let metadata = metadata()
        for group in groups {
            for document in group.documents(
                namespace: self.configuration.namespace, timestamp: timestamp, metadata: metadata,
                directives: self.directives)
            {
                self.sink.write(line: document)
            }
        }
    }

    /// Prints the `ColdStart` metric (1, Count) in a document of its own, with the `function_name` and `service`
    /// dimensions only, as Powertools does: call it once, on the container's first invocation.
    public func captureColdStart(functionName: String) {
        var group = MetricGroup(
            dimensions: [("function_name", functionName)] + (self.configuration.service.map { [("service", $0)] } ?? [])
        )
        group.add("ColdStart", value: 1, unit: .count, resolution: .standard)
        for document in group.documents(
            namespace: self.configuration.namespace, timestamp: self.nowMilliseconds(), directives: self.directives)
        {
            self.sink.write(line: document)
        }
    }

    private static func isValidText(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= EMFLimits.maximumNameLength
    }
}
