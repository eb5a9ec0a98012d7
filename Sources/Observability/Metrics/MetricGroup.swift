import LambdaEvents

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
        self.dimensions.count == other.count && zip(self.dimensions, other).allSatisfy { $0.name == $1.name && $0.value == $1.value }
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
            let rounds = chunk.map { ($0.values.count + EMFLimits.maximumValuesPerMetric - 1) / EMFLimits.maximumValuesPerMetric }.max() ?? 0
            for round in 0..<rounds {
                let slices: [(metric: Metric, values: ArraySlice<Double>)] = chunk.compactMap { metric in
                    let from = round * EMFLimits.maximumValuesPerMetric
                    guard from < metric.values.count else { return nil }
                    return (metric, metric.values[from..<min(from + EMFLimits.maximumValuesPerMetric, metric.values.count)])
                }
                documents.append(self.document(slices, namespace: namespace, timestamp: timestamp, metadata: metadata))
            }
            start += EMFLimits.maximumMetricsPerDocument
        }
        return documents
    }

    private func document(
        _ slices: [(metric: Metric, values: ArraySlice<Double>)], namespace: String, timestamp: Int64, metadata: [(name: String, value: String)]
    ) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 + slices.count * 64)
        func append(_ text: String) { bytes.append(contentsOf: text.utf8) }
        func quoted(_ text: String) { JSONStringLiteral.append(text, to: &bytes) }
        append(#"{"_aws":{"Timestamp":\#(timestamp),"CloudWatchMetrics":[{"Namespace":"#)
        quoted(namespace)
        append(#","Dimensions":[["#)
        for (index, dimension) in self.dimensions.enumerated() {
            if index > 0 { append(",") }
            quoted(dimension.name)
        }
        append(#"]],"Metrics":["#)
        for (index, slice) in slices.enumerated() {
            if index > 0 { append(",") }
            append(#"{"Name":"#)
            quoted(slice.metric.name)
            append(#","Unit":""#)
            append(slice.metric.unit.rawValue)
            append(slice.metric.resolution == .high ? #"","StorageResolution":1}"# : #""}"#)
        }
        append("]}]}")
        for dimension in self.dimensions {
            append(",")
            quoted(dimension.name)
            append(":")
            quoted(dimension.value)
        }
        for member in metadata where !self.dimensions.contains(where: { $0.name == member.name })
            && !self.metrics.contains(where: { $0.name == member.name }) {
            append(",")
            quoted(member.name)
            append(":")
            quoted(member.value)
        }
        for slice in slices {
            append(",")
            quoted(slice.metric.name)
            append(":")
            if slice.values.count == 1 {
                append(Self.number(slice.values.first!))
            } else {
                append("[" + slice.values.map(Self.number).joined(separator: ",") + "]")
            }
        }
        append("}")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A finite value as JSON: whole numbers without a fraction.
    private static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
        return String(value)
    }
}
