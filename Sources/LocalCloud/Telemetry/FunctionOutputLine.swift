import JSONCoding

/// What a line of a function's output says, read as CloudWatch reads it: an EMF document (a JSON object with
/// `_aws.CloudWatchMetrics`) yields metric values, a Powertools JSON line its keys, a line in Lambda's text format
/// (`time<TAB>request id<TAB>LEVEL<TAB>message`) its level and request id; any line is kept as a log event.
struct FunctionOutputLine {
    let record: LogRecord
    let metrics: [MetricPoint]

    /// Reads `line`; `object` is the JSON object the line holds, already parsed (``StoredRedaction/line(_:)``), or
    /// `nil` when it holds none.
    init(line: String, object: [String: JSONValue]?, function: String, timeMilliseconds: Int64) {
        var record = LogRecord(timeMilliseconds: timeMilliseconds, function: function, line: line)
        var metrics: [MetricPoint] = []
        if let object {
            let emf = EMFDirectives(object).flatMap { $0.directives.isEmpty ? nil : $0 }
            record.level = emf == nil ? object["level"]?.stringValue : "METRIC"
            record.message = object["message"]?.stringValue
            record.correlationID = object["correlation_id"]?.stringValue
            record.traceID = object["xray_trace_id"]?.stringValue
            record.requestID = object["function_request_id"]?.stringValue
            metrics = emf?.points(in: object, function: function, defaultTimeMilliseconds: timeMilliseconds) ?? []
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

/// The `_aws` member of an EMF document: its timestamp and the directives naming which members are metrics and
/// which dimensions. `nil` when the member is missing or not in EMF's shape, as CloudWatch then reads no metric.
private struct EMFDirectives {
    struct Directive {
        let namespace: String
        let dimensionNames: Set<String>
        let metrics: [(name: String, unit: String?)]
    }

    let timestampMilliseconds: Int64?
    let directives: [Directive]

    init?(_ document: [String: JSONValue]) {
        guard let metadata = document["_aws"]?.objectValue,
            let directives = metadata["CloudWatchMetrics"]?.arrayValue
        else { return nil }
        switch metadata["Timestamp"] {
        case nil, .null?: self.timestampMilliseconds = nil
        case .integer(let milliseconds)?: self.timestampMilliseconds = milliseconds
        default: return nil
        }
        var read: [Directive] = []
        read.reserveCapacity(directives.count)
        for directive in directives {
            guard let namespace = directive["Namespace"]?.stringValue, let metrics = directive["Metrics"]?.arrayValue
            else { return nil }
            var names: Set<String> = []
            switch directive["Dimensions"] {
            case nil, .null?: break
            case .array(let sets)?:
                for set in sets {
                    guard let members = set.arrayValue else { return nil }
                    for member in members {
                        guard let name = member.stringValue else { return nil }
                        names.insert(name)
                    }
                }
            default: return nil
            }
            var definitions: [(name: String, unit: String?)] = []
            for metric in metrics {
                guard let name = metric["Name"]?.stringValue else { return nil }
                let unit = metric["Unit"]
                guard unit == nil || unit == .null || unit?.stringValue != nil else { return nil }
                definitions.append((name, unit?.stringValue))
            }
            read.append(Directive(namespace: namespace, dimensionNames: names, metrics: definitions))
        }
        self.directives = read
    }

    /// The values `document` holds for the directives' metrics: one number, or a list of up to 100.
    func points(in document: [String: JSONValue], function: String, defaultTimeMilliseconds: Int64) -> [MetricPoint] {
        var points: [MetricPoint] = []
        for directive in self.directives {
            var dimensions: [String: String] = [:]
            for name in directive.dimensionNames { dimensions[name] = document[name]?.stringValue }
            for metric in directive.metrics {
                for value in Self.numbers(document[metric.name]) {
                    points.append(
                        MetricPoint(
                            timeMilliseconds: self.timestampMilliseconds ?? defaultTimeMilliseconds,
                            function: function, namespace: directive.namespace, name: metric.name, unit: metric.unit,
                            value: value, dimensions: dimensions))
                }
            }
        }
        return points
    }

    /// A number, or every element of an array of numbers; nothing for any other value.
    private static func numbers(_ value: JSONValue?) -> [Double] {
        switch value {
        case .integer(let number)?: return [Double(number)]
        case .number(let number)?: return [number]
        case .array(let elements)?:
            var numbers: [Double] = []
            numbers.reserveCapacity(elements.count)
            for element in elements {
                switch element {
                case .integer(let number): numbers.append(Double(number))
                case .number(let number): numbers.append(number)
                default: return []
                }
            }
            return numbers
        default: return []
        }
    }
}
