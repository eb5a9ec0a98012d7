import Foundation
import LambdaEvents

/// What a line of a function's output says, read as CloudWatch reads it: an EMF document (a JSON object with
/// `_aws.CloudWatchMetrics`) yields metric values, a Powertools JSON line its keys, a line in Lambda's text format
/// (`time<TAB>request id<TAB>LEVEL<TAB>message`) its level and request id; any line is kept as a log event.
struct FunctionOutputLine {
    let record: LogRecord
    let metrics: [MetricPoint]

    init(line: String, function: String, timeMilliseconds: Int64) {
        var record = LogRecord(timeMilliseconds: timeMilliseconds, function: function, line: line)
        var metrics: [MetricPoint] = []
        if line.utf8.first == UInt8(ascii: "{"), let object = (try? JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)))?.objectValue {
            if let emf = object["_aws"]?.objectValue {
                metrics = Self.metricPoints(emf: emf, document: object, function: function, fallbackTime: timeMilliseconds)
                record.level = "METRIC"
            } else {
                record.level = object["level"]?.stringValue
                record.message = object["message"]?.stringValue
            }
            record.correlationID = object["correlation_id"]?.stringValue
            record.traceID = object["xray_trace_id"]?.stringValue
            record.requestID = object["function_request_id"]?.stringValue
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

    private static func metricPoints(emf: [String: JSONValue], document: [String: JSONValue], function: String, fallbackTime: Int64) -> [MetricPoint] {
        let time = emf["Timestamp"].flatMap(Self.integer) ?? fallbackTime
        var points: [MetricPoint] = []
        for directive in emf["CloudWatchMetrics"]?.arrayValue ?? [] {
            guard let namespace = directive["Namespace"]?.stringValue else { continue }
            let dimensionNames = Set((directive["Dimensions"]?.arrayValue ?? []).flatMap { $0.arrayValue ?? [] }.compactMap(\.stringValue))
            var dimensions: [String: String] = [:]
            for name in dimensionNames { dimensions[name] = document[name]?.stringValue }
            for definition in directive["Metrics"]?.arrayValue ?? [] {
                guard let name = definition["Name"]?.stringValue, let value = document[name] else { continue }
                let values = value.arrayValue ?? [value]
                for number in values.compactMap(Self.number) {
                    points.append(MetricPoint(
                        timeMilliseconds: time, function: function, namespace: namespace, name: name,
                        unit: definition["Unit"]?.stringValue, value: number, dimensions: dimensions
                    ))
                }
            }
        }
        return points
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .integer(let integer): Double(integer)
        case .number(let number): number
        default: nil
        }
    }

    private static func integer(_ value: JSONValue) -> Int64? {
        switch value {
        case .integer(let integer): integer
        case .number(let number): Int64(exactly: number.rounded())
        default: nil
        }
    }
}
