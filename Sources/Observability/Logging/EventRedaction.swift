import FoundationEssentials
import LambdaEvents

/// Prepares an event for the log so that redaction by key reaches every secret in it: string values holding a JSON
/// object or array (an HTTP body) are logged as that JSON, and query strings (`rawQueryString`) are logged as their
/// parameters. The writer then redacts sensitive keys at any depth.
enum EventRedaction {
    /// The largest string parsed as JSON; longer bodies are logged as they are, less their secrets' names.
    static let maximumParsedBytes = 65_536

    static func loggable(_ event: JSONValue) -> JSONValue {
        switch event {
        case .object(let members):
            var result: [String: JSONValue] = [:]
            for (key, value) in members {
                if key == "rawQueryString", case .string(let query) = value, !query.isEmpty {
                    result[key] = Self.parameters(ofQuery: query)
                } else {
                    result[key] = Self.loggable(value)
                }
            }
            return .object(result)
        case .array(let values):
            return .array(values.map(Self.loggable))
        case .string(let text):
            guard let parsed = Self.parsedJSON(text) else { return event }
            return Self.loggable(parsed)
        default:
            return event
        }
    }

    private static func parsedJSON(_ text: String) -> JSONValue? {
        guard text.utf8.count <= Self.maximumParsedBytes, let first = text.utf8.first(where: { $0 > 0x20 }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    private static func parameters(ofQuery query: String) -> JSONValue {
        var parameters: [String: JSONValue] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            parameters[String(parts[0])] = .string(parts.count > 1 ? String(parts[1]) : "")
        }
        return .object(parameters)
    }
}
