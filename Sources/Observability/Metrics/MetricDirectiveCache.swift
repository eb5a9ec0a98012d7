import JSONCoding
import Synchronization

/// The metric directive (an EMF document's `CloudWatchMetrics` member: namespace, dimension names, metric names,
/// units and resolutions) last written, kept for the next document. A function adds the same metrics with the same
/// dimensions on most invocations, and comparing a few names costs less than writing them as JSON again.
final class MetricDirectiveCache: Sendable {
    private struct Directive: Sendable {
        let namespace: String
        let dimensionNames: [String]
        let metrics: [(name: String, unit: MetricUnit, resolution: MetricResolution)]
        /// `"CloudWatchMetrics":[…]`, a member ready to go into the `_aws` object.
        let member: [UInt8]

        func describes(
            namespace: String, dimensions: [(name: String, value: String)], metrics: some Collection<MetricGroup.Metric>
        ) -> Bool {
            self.namespace == namespace
                && self.dimensionNames.elementsEqual(dimensions.lazy.map(\.name))
                && self.metrics.count == metrics.count
                && zip(self.metrics, metrics).allSatisfy {
                    $0.name == $1.name && $0.unit == $1.unit && $0.resolution == $1.resolution
                }
        }
    }

    private let last = Mutex<Directive?>(nil)

    /// The directive of a document in `namespace` with `dimensions` and `metrics`, as a `CloudWatchMetrics` member.
    func member(
        namespace: String, dimensions: [(name: String, value: String)], metrics: some Collection<MetricGroup.Metric>
    ) -> [UInt8] {
        self.last.withLock { last in
            if let last, last.describes(namespace: namespace, dimensions: dimensions, metrics: metrics) {
                return last.member
            }
            let directive = Directive(
                namespace: namespace,
                dimensionNames: dimensions.map(\.name),
                metrics: metrics.map { ($0.name, $0.unit, $0.resolution) },
                member: Self.write(namespace: namespace, dimensions: dimensions, metrics: metrics)
            )
            last = directive
            return directive.member
        }
    }

    private static func write(
        namespace: String, dimensions: [(name: String, value: String)], metrics: some Collection<MetricGroup.Metric>
    ) -> [UInt8] {
        var writer = JSONWriter(capacity: 96 + metrics.count * 48)
        writer.key("CloudWatchMetrics")
        writer.beginArray()
        writer.beginObject()
        writer.key("Namespace")
        writer.string(namespace)
        writer.key("Dimensions")
        writer.beginArray()
        writer.beginArray()
        for dimension in dimensions { writer.string(dimension.name) }
        writer.endArray()
        writer.endArray()
        writer.key("Metrics")
        writer.beginArray()
        for metric in metrics {
            writer.beginObject()
            writer.key("Name")
            writer.string(metric.name)
            writer.key("Unit")
            writer.string(metric.unit.rawValue)
            if metric.resolution == .high {
                writer.key("StorageResolution")
                writer.integer(1)
            }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        writer.endArray()
        return writer.bytes
    }
}
