import EventPatterns
import JSONCoding
import Testing

/// Whether the pattern text matches the event given as JSON text.
func match(_ pattern: String, _ event: String) throws -> Bool {
    let value = try #require(JSONValue(parsing: Array(event.utf8)), "the test's event is not JSON")
    return try EventPattern(parsing: pattern).matches(value)
}

/// The reason EventBridge would give for rejecting the pattern text, or `nil` when it is valid.
func rejection(_ pattern: String) -> String? {
    do {
        _ = try EventPattern(parsing: pattern)
        return nil
    } catch {
        return error.reason
    }
}
