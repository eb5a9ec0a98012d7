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
    /// Each metric's index, once the group holds more than ``linearSearchLimit`` metrics; below, a scan of the
    /// names costs less than building the dictionary (most invocations add a handful).
    private var indexByName: [String: Int]?
    private static let linearSearchLimit = 16

    init(dimensions: [(name: String, value: String)]) {
        self.dimensions = dimensions
    }

    func hasDimensions(_ other: [(name: String, value: String)]) -> Bool {
        self.dimensions.count == other.count
            && zip(self.dimensions, other).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// Adds a value; a metric keeps the unit and resolution of its first value.
    mutating func add(_ name: String, value: Double, unit: MetricUnit, resolution: MetricResolution) {
        if let index = self.index(of: name) {
            self.metrics[index].values.append(value)
            return
        }
        self.metrics.append(Metric(name: name, unit: unit, resolution: resolution, values: [value]))
        if self.indexByName != nil {
            self.indexByName?[name] = self.metrics.count - 1
        } else if self.metrics.count > Self.linearSearchLimit {
            self.indexByName = Dictionary(
                uniqueKeysWithValues: self.metrics.enumerated().map { index, metric in (metric.name, index) })
        }
    }

    private func index(of name: String) -> Int? {
        if let indexByName { return indexByName[name] }
        return self.metrics.firstIndex { $0.name == name }
    }

    /// The EMF documents holding every value: metrics in chunks of 100 per document, and for a metric with more
    /// than 100 values, its next 100 in the next document of its chunk.
    /// - Parameter metadata: Members added to each document as plain properties (not dimensions), such as the request
    ///   and trace ids, leaving out any whose name is a dimension's or a metric's.
    func documents(
        namespace: String, timestamp: Int64, metadata: [(name: String, value: String)] = [],
        directives: MetricDirectiveCache
    ) -> [String] {
        var documents: [String] = []
        var start = 0
        while start < self.metrics.count {
            let chunk = self.metrics[start..<min(start + EMFLimits.maximumMetricsPerDocument, self.metrics.count)]
            let rounds =
                chunk.lazy.map {
                    ($0.values.count + EMFLimits.maximumValuesPerMetric - 1) / EMFLimits.maximumValuesPerMetric
                }.max() ?? 0
            for round in 0..<rounds {
                documents.append(
                    self.document(
                        chunk, round: round, namespace: namespace, timestamp: timestamp, metadata: metadata,
                        directives: directives))
            }
            start += EMFLimits.maximumMetricsPerDocument
        }
        return documents
    }

    /// The document of `chunk`'s values in `round`: each metric's values from `round × 100` on, up to 100 of them,
    /// and only the metrics that have any.
    private func document(
        _ chunk: ArraySlice<Metric>, round: Int, namespace: String, timestamp: Int64,
        metadata: [(name: String, value: String)], directives: MetricDirectiveCache
    ) -> String {
        let from = round * EMFLimits.maximumValuesPerMetric
        let present = chunk.lazy.filter { from < $0.values.count }
        var writer = JSONWriter(capacity: 256 + chunk.count * 64)
        writer.beginObject()
        writer.key("_aws")
        writer.beginObject()
        writer.key("Timestamp")
        writer.integer(timestamp)
        writer.member(json: directives.member(namespace: namespace, dimensions: self.dimensions, metrics: present))
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
        for metric in present {
            writer.key(metric.name)
            let values = metric.values[from..<min(from + EMFLimits.maximumValuesPerMetric, metric.values.count)]
            if values.count == 1 {
                writer.number(values[from])
            } else {
                writer.beginArray()
                for value in values { writer.number(value) }
                writer.endArray()
            }
        }
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
