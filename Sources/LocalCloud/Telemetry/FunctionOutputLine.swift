import Foundation

/// What a line of a function's output says, read as CloudWatch reads it: an EMF document (a JSON object with
/// `_aws.CloudWatchMetrics`) yields metric values, a Powertools JSON line its keys, a line in Lambda's text format
/// (`time<TAB>request id<TAB>LEVEL<TAB>message`) its level and request id; any line is kept as a log event.
struct FunctionOutputLine {
    let record: LogRecord
    let metrics: [MetricPoint]

    init(line: String, function: String, timeMilliseconds: Int64) {
        var record = LogRecord(timeMilliseconds: timeMilliseconds, function: function, line: line)
        var metrics: [MetricPoint] = []
        if line.utf8.first == UInt8(ascii: "{"),
            let fields = try? JSONDecoder().decode(JSONLine.self, from: Data(line.utf8))
        {
            record.level = fields.metrics.isEmpty && fields.namespaces.isEmpty ? fields.level : "METRIC"
            record.message = fields.message
            record.correlationID = fields.correlationID
            record.traceID = fields.traceID
            record.requestID = fields.requestID
            metrics = fields.metrics.map { metric in
                MetricPoint(
                    timeMilliseconds: fields.timestamp ?? timeMilliseconds, function: function,
                    namespace: metric.namespace,
                    name: metric.name, unit: metric.unit, value: metric.value, dimensions: metric.dimensions
                )
            }
        } else {
            let fields = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
            if fields.count == 4, Self.textLevels.contains(String(fields[2])) {
                record.requestID = String(fields[1])
                record.level = String(fields[2])
                record.message = String(fields[3])
            } else {
                record.message = line
            }
        }
        self.record = record
        self.metrics = metrics
    }

    private static let textLevels: Set<String> = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"]
}

/// The members of a JSON line the local cloud reads, decoded in one pass without building the whole tree: the
/// Powertools keys, and for an EMF document its directives with the values and dimensions they name.
private struct JSONLine: Decodable {
    struct Metric {
        let namespace: String
        let name: String
        let unit: String?
        let value: Double
        let dimensions: [String: String]
    }

    let level: String?
    let message: String?
    let correlationID: String?
    let traceID: String?
    let requestID: String?
    let timestamp: Int64?
    let namespaces: [String]
    let metrics: [Metric]

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { self.stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private struct EMFMetadata: Decodable {
        struct Directive: Decodable {
            struct Definition: Decodable {
                let Name: String
                let Unit: String?
            }

            let Namespace: String
            let Dimensions: [[String]]?
            let Metrics: [Definition]
        }

        let Timestamp: Int64?
        let CloudWatchMetrics: [Directive]
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        func text(_ name: String) -> String? { try? container.decodeIfPresent(String.self, forKey: Key(name)) }
        self.level = text("level")
        self.message = text("message")
        self.correlationID = text("correlation_id")
        self.traceID = text("xray_trace_id")
        self.requestID = text("function_request_id")
        guard let emf = try? container.decodeIfPresent(EMFMetadata.self, forKey: Key("_aws")) else {
            self.timestamp = nil
            self.namespaces = []
            self.metrics = []
            return
        }
        var metrics: [Metric] = []
        for directive in emf.CloudWatchMetrics {
            var dimensions: [String: String] = [:]
            for name in Set((directive.Dimensions ?? []).joined()) { dimensions[name] = text(name) }
            for definition in directive.Metrics {
                let key = Key(definition.Name)
                // One value is the usual form, an array of up to 100 the other.
                let values =
                    (try? container.decode(Double.self, forKey: key)).map { [$0] }
                    ?? (try? container.decode([Double].self, forKey: key)) ?? []
                for value in values {
                    metrics.append(
                        Metric(
                            namespace: directive.Namespace, name: definition.Name, unit: definition.Unit, value: value,
                            dimensions: dimensions))
                }
            }
        }
        self.timestamp = emf.Timestamp
        self.namespaces = emf.CloudWatchMetrics.map(\.Namespace)
        self.metrics = metrics
    }
}
