public import JSONCoding

/// An EventBridge event pattern, read and checked once, then matched against any number of events.
///
/// The whole content-filtering language is supported: exact values (numbers compare by value), `prefix`, `suffix`
/// (both also with `equals-ignore-case`), `equals-ignore-case`, `wildcard`, `anything-but` (values, lists, and its
/// `prefix`, `suffix`, `equals-ignore-case` and `wildcard` forms), `numeric` ranges, `exists`, `cidr`, `$or` at any
/// level, nested fields and arrays. A pattern that EventBridge would refuse is refused with its reason.
///
/// ```swift
/// let pattern = try EventPattern(parsing: #"{"source": ["orders"], "detail": {"total": [{"numeric": [">", 100]}]}}"#)
/// pattern.matches(event)
/// ```
public struct EventPattern: Sendable {
    /// The longest pattern text accepted, in characters (EventBridge's quota).
    public static let maximumLength = 2048

    /// The ways the pattern can match: it matches an event when one of them does.
    let conjunctions: [Conjunction]
    /// The paths the pattern names.
    let paths: FieldPaths

    /// Reads a pattern from its JSON text.
    /// - Throws: ``EventPatternError`` when the text is not a JSON object within ``maximumLength``, or is not a
    ///   valid pattern.
    public init(parsing text: String) throws(EventPatternError) {
        guard text.unicodeScalars.count <= Self.maximumLength else {
            throw EventPatternError(
                .malformedJSON, "Event pattern is longer than \(Self.maximumLength) characters")
        }
        guard let json = JSONValue(parsing: Array(text.utf8)) else {
            throw EventPatternError(.malformedJSON, "Filter is not valid JSON")
        }
        try self.init(json)
    }

    /// Reads a pattern from JSON already parsed. (Repeated keys cannot reach it: a JSON object holds each key once,
    /// and the parser keeps the last, as EventBridge does.)
    /// - Throws: ``EventPatternError`` when `json` is not a valid pattern.
    public init(_ json: JSONValue) throws(EventPatternError) {
        var paths = FieldPaths()
        self.conjunctions = try PatternCompiler.conjunctions(of: json).map { Conjunction($0, paths: &paths) }
        self.paths = paths
    }

    /// Whether `event` matches the pattern, as EventBridge's `TestEventPattern` decides.
    public func matches(_ event: JSONValue) -> Bool {
        let flattened = FlattenedEvent(event, keeping: self.paths)
        return self.conjunctions.contains { $0.matches(flattened) }
    }
}
