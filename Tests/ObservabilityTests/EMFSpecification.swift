import Foundation
import Observability

/// The rules of CloudWatch's embedded metric format specification, checked on a parsed document: the `_aws`
/// metadata (an integer `Timestamp`, metric directives), each directive's `Namespace`, its dimension sets (at most 30
/// names, each a top-level string member) and its metric definitions (at most 100, each a top-level number or array
/// of at most 100 numbers, with a CloudWatch unit and a storage resolution of 1 or 60).
enum EMFSpecification {
    static let units = Set(MetricUnit.allCases.map(\.rawValue))

    static func violations(of line: String) -> [String] {
        guard line.utf8.count <= 256 * 1024 else { return ["over CloudWatch Logs' 256 KB event size"] }
        guard let root = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
            return ["not a JSON object"]
        }
        guard let aws = root["_aws"] as? [String: Any] else { return ["no _aws object"] }
        var problems: [String] = []
        if !(aws["Timestamp"] is Int) { problems.append("Timestamp is not an integer") }
        guard let directives = aws["CloudWatchMetrics"] as? [[String: Any]], !directives.isEmpty else {
            return problems + ["CloudWatchMetrics is not a non-empty array of objects"]
        }
        for directive in directives {
            if let namespace = directive["Namespace"] as? String, (1...255).contains(namespace.count) {
            } else {
                problems.append("Namespace missing or not 1–255 characters")
            }
            guard let sets = directive["Dimensions"] as? [[String]] else {
                problems.append("Dimensions is not an array of arrays of strings")
                continue
            }
            for set in sets {
                if set.count > 30 { problems.append("a dimension set has \(set.count) dimensions") }
                for name in set where !(root[name] is String) {
                    problems.append("dimension \(name) has no string member")
                }
            }
            guard let metrics = directive["Metrics"] as? [[String: Any]], metrics.count <= 100 else {
                problems.append("Metrics missing or over 100")
                continue
            }
            for metric in metrics {
                guard let name = metric["Name"] as? String, (1...255).contains(name.count) else {
                    problems.append("a metric has no 1–255 character Name")
                    continue
                }
                switch root[name] {
                case is NSNumber: break
                case let values as [NSNumber] where !values.isEmpty && values.count <= 100: break
                default: problems.append("metric \(name) has no number or array of 1–100 numbers")
                }
                if let unit = metric["Unit"], !((unit as? String).map(Self.units.contains) ?? false) {
                    problems.append("metric \(name) has unit \(unit)")
                }
                if let resolution = metric["StorageResolution"], !(resolution as? Int == 1 || resolution as? Int == 60)
                {
                    problems.append("metric \(name) has storage resolution \(resolution)")
                }
            }
        }
        return problems
    }
}
