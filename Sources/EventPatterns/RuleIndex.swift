public import JSONCoding

/// Many event patterns compiled together, to find the rules an event matches without trying each pattern.
///
/// Each pattern is filed under one of its fields: under the field's path and exact value, or its prefixes, or its path
/// alone. An event is flattened once, keeping only the paths some rule names; only the rules filed under its paths,
/// values and prefixes are then checked in full.
///
/// ```swift
/// var rules = RuleIndex<String>()
/// rules.add(try EventPattern(parsing: #"{"source": ["orders"]}"#), for: "orders-to-queue")
/// rules.matchingRules(for: event)  // ["orders-to-queue"] when the event's source is "orders"
/// ```
public struct RuleIndex<RuleID: Hashable & Sendable>: Sendable {
    private var rules: [RuleID] = []
    private var table = RuleTable()

    /// An index with no rules.
    public init() {}

    /// The number of rules added.
    public var count: Int { self.rules.count }

    /// Adds the rule `id` with its pattern. Adding the same id twice gives two rules that report the same id.
    public mutating func add(_ pattern: EventPattern, for id: RuleID) {
        self.rules.append(id)
        self.table.add(pattern)
    }

    /// The rules whose patterns match `event`, in the order they were added, each once.
    public func matchingRules(for event: JSONValue) -> [RuleID] {
        self.table.matchingRuleNumbers(for: event).map { self.rules[$0] }
    }
}
