import JSONCoding

/// The metrics gathered for one dimension set, in the order they were first added, and their EMF documents.
struct MetricGroup: Sendable {
    struct Metric: Sendable {
        let name: String
        let unit: MetricUnit
        let resolution: MetricResolution
        var values: [Double]
    }

    let dimensions: [(name: String, value: String)]
    private(set) var metrics: [Metric] = []
    private var indexByName: [String: Int] = [:]

    init(dimensions: [(name: String, value: String)]) {
        self.dimensions = dimensions
    }

    func hasDimensions(_ other: [(name: String, value: String)]) -> Bool {
        self.dimensions.count == other.count
            && zip(self.dimensions, other).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// Adds a value; a metric keeps the unit and resolution of its first value.
    mutating func add(_ name: String, value: Double, unit: MetricUnit, resolution: MetricResolution) {
        if let index = self.indexByName[name] {
            self.metrics[index].values.append(value)
        } else {
            self.indexByName[name] = self.metrics.count
            self.metrics.append(Metric(name: name, unit: unit, resolution: resolution, values: [value]))
        }
    }

    /// The EMF documents holding every value: metrics in chunks of 100 per document, and for a metric with more
    /// than 100 values, its next 100 in the next document of its chunk.
    /// - Parameter metadata: Members added to each document as plain properties (not dimensions), such as the request
    ///   and trace ids, leaving out any whose name is a dimension's or a metric's.
    func documents(namespace: String, timestamp: Int64, metadata: [(name: String, value: String)] = []) -> [String] {
        var documents: [String] = []
        var start = 0
        while start < self.metrics.count {
            let chunk = self.metrics[start..<min(start + EMFLimits.maximumMetricsPerDocument, self.metrics.count)]
            let rounds =
                chunk.map {
                    ($0.values.count + EMFLimits.maximumValuesPerMetric - 1) / EMFLimits.maximumValuesPerMetric
                }.max() ?? 0
            for round in 0..<rounds {
                let slices: [(metric: Metric, values: ArraySlice<Double>)] = chunk.compactMap { metric in
                    let from = round * EMFLimits.maximumValuesPerMetric
                    guard from < metric.values.count else { return nil }
                    return (
                        metric, metric.values[from..<min(from + EMFLimits.maximumValuesPerMetric, metric.values.count)]
                    )
                }
                documents.append(self.document(slices, namespace: namespace, timestamp: timestamp, metadata: metadata))
            }
            start += EMFLimits.maximumMetricsPerDocument
        }
        return documents
    }

    private func document(
        _ slices: [(metric: Metric, values: ArraySlice<Double>)], namespace: String, timestamp: Int64,
        metadata: [(name: String, value: String)]
    ) -> String {
        var writer = JSONWriter(capacity: 256 + slices.count * 64)
        writer.beginObject()
        writer.key("_aws")
        writer.beginObject()
        writer.key("Timestamp")
        writer.integer(timestamp)
        writer.key("CloudWatchMetrics")
        writer.beginArray()
        writer.beginObject()
        writer.key("Namespace")
        writer.string(namespace)
        writer.key("Dimensions")
        writer.beginArray()
        writer.beginArray()
        for dimension in self.dimensions { writer.string(dimension.name) }
        writer.endArray()
        writer.endArray()
        writer.key("Metrics")
        writer.beginArray()
        for slice in slices {
            writer.beginObject()
            writer.key("Name")
            writer.string(slice.metric.name)
            writer.key("Unit")
            writer.string(slice.metric.unit.rawValue)
            if slice.metric.resolution == .high {
                writer.key("StorageResolution")
                writer.integer(1)
            }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        writer.endArray()
        writer.endObject()
        for dimension in self.dimensions {
            writer.key(dimension.name)
            writer.string(dimension.value)
        }
        for member in metadata
        where !self.dimensions.contains(where: { $0.name == member.name })
            && !self.metrics.contains(where: { $0.name == member.name })
        {
            writer.key(member.name)
            writer.string(member.value)
        }
        for slice in slices {
            writer.key(slice.metric.name)
            if slice.values.count == 1 {
                writer.number(slice.values.first!)
            } else {
                writer.beginArray()
                for value in slice.values { writer.number(value) }
                writer.endArray()
            }
        }
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
