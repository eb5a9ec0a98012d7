import Foundation
public import Testing

/// The example events in `Examples/events`, which the README's requests and the runtime suites share.
public enum ExampleEvents {
    /// The path of `Examples/events/<name>.json`.
    public static func path(_ name: String) -> String {
        TestEnvironment.packageRoot.appendingPathComponent("Examples/events/\(name).json").path
    }

    /// The text of `Examples/events/<name>.json`.
    public static func text(_ name: String) throws -> String {
        try String(contentsOfFile: Self.path(name), encoding: .utf8)
    }

    /// The API Gateway request for `GET /health` that the runtime suites invoke with.
    public static let health = try! Self.text("health")
}

/// Each line parsed as a JSON object; fails naming the first line that is not one (for checking a process's
/// structured output line by line).
public func jsonObjects(_ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]]
{
    try lines.map { line in
        let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        return try #require(object, "not a JSON object: \(line)", sourceLocation: sourceLocation)
    }
}
