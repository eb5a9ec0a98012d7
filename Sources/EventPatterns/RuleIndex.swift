public import JSONCoding

/// Many event patterns compiled together, to find the rules an event matches without trying each pattern.
///
/// Each way a pattern can match (each combination of its `$or` alternatives) is filed under one of its fields: under
/// the field's path and exact value when the field asks for exact values, else under the field's path alone. An event
/// is flattened once, skipping the parts no rule names; only the entries filed under its own paths and values are then
/// checked in full. Patterns
/// whose every field may be absent (`exists: false`) are checked for every event.
///
/// ```swift
/// var rules = RuleIndex<String>()
/// rules.add(try EventPattern(parsing: #"{"source": ["orders"]}"#), for: "orders-to-queue")
/// rules.matchingRules(for: event)  // ["orders-to-queue"] when the event's source is "orders"
/// ```
public struct RuleIndex<RuleID: Hashable & Sendable>: Sendable {
    /// One conjunction of one rule's pattern.
    private struct Entry: Sendable {
        let conjunction: Conjunction
        /// The position of its rule in `rules`.
        let rule: Int
    }

    private var rules: [RuleID] = []
    private var entries: [Entry] = []
    /// Entries filed under a field's path and one of its exact values.
    private var byValue: [String: [EventScalar: [Int]]] = [:]
    /// Entries filed under the path of a field that must be present.
    private var byPath: [String: [Int]] = [:]
    /// Entries that may match an event holding none of their fields.
    private var unfiled: [Int] = []
    /// The paths any rule names: the rest of an event is not flattened.
    private var paths = FieldPaths()

    /// An index with no rules.
    public init() {}

    /// The number of rules added.
    public var count: Int { self.rules.count }

    /// Adds the rule `id` with its pattern. Adding the same id twice gives two rules that report the same id.
    public mutating func add(_ pattern: EventPattern, for id: RuleID) {
        let rule = self.rules.count
        self.rules.append(id)
        self.paths.insert(pattern.conjunctions)
        for conjunction in pattern.conjunctions {
            let entry = self.entries.count
            self.entries.append(Entry(conjunction: conjunction, rule: rule))
            self.file(entry, by: conjunction.fields)
        }
    }

    /// Files an entry under its most selective field: the exact-valued field with the fewest values, else the first
    /// field that must be present.
    private mutating func file(_ entry: Int, by fields: [FieldTest]) {
        let exact = fields.compactMap { field in field.exactValues.map { (field.path, $0) } }
        if let (path, values) = exact.min(by: { $0.1.count < $1.1.count }) {
            for value in values {
                self.byValue[path, default: [:]][value, default: []].append(entry)
            }
        } else if let field = fields.first(where: { !$0.matchesAbsence }) {
            self.byPath[field.path, default: []].append(entry)
        } else {
            self.unfiled.append(entry)
        }
    }

    /// The rules whose patterns match `event`, in the order they were added, each once.
    public func matchingRules(for event: JSONValue) -> [RuleID] {
        let flattened = FlattenedEvent(event, keeping: self.paths)
        var matched = [Bool](repeating: false, count: self.rules.count)
        var found: [Int] = []
        func check(_ entries: [Int]) {
            for index in entries {
                let entry = self.entries[index]
                if !matched[entry.rule] && entry.conjunction.matches(flattened) {
                    matched[entry.rule] = true
                    found.append(entry.rule)
                }
            }
        }
        for (path, leaves) in flattened.leaves {
            if let filed = self.byValue[path] {
                for leaf in leaves.values {
                    if let entries = filed[leaf.value] { check(entries) }
                }
            }
            if let entries = self.byPath[path] { check(entries) }
        }
        check(self.unfiled)
        return found.sorted().map { self.rules[$0] }
    }
}
