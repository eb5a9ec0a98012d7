import JSONCoding

/// The rules of a ``RuleIndex`` by number, and the tables that find which of them an event may match.
///
/// Each way a pattern can match (each combination of its `$or` alternatives) is an entry, filed under one of its
/// fields: under the path and value of each field that asks for exact values (checked once the event has all of
/// them), else under its `prefix` texts when a field asks for prefixes, else under a field's path alone. Paths are
/// numbered (slots), so that an event is flattened once into an array and checking a field indexes it. Entries whose every field may be absent (`exists: false`) are
/// checked for every event.
struct RuleTable: Sendable {
    /// One conjunction of one rule's pattern.
    private struct Entry: Sendable {
        let conjunction: Conjunction
        /// The number of its rule.
        let rule: Int
        /// How many of its fields ask for exact values: it is filed under each, and checked once all were found.
        let exactFields: Int
    }

    /// How many rules were added.
    private(set) var ruleCount = 0
    private var entries: [Entry] = []
    /// Entries filed under a field's path (by its slot) and one of its exact values.
    private var byValue: [[EventScalar: [Int]]] = []
    /// Entries filed under a field's path (by its slot) and one of its `prefix` texts.
    private var byPrefix: [PrefixTable] = []
    /// Entries filed under the path (by its slot) of a field that must be present.
    private var byPath: [[Int]] = []
    /// Entries that may match an event holding none of their fields.
    private var unfiled: [Int] = []
    /// The paths any rule names, numbered: the rest of an event is not flattened.
    private var paths = FieldPaths()

    /// Adds a rule with its pattern; it gets the next number, from 0.
    mutating func add(_ pattern: EventPattern) {
        let rule = self.ruleCount
        self.ruleCount += 1
        for conjunction in pattern.conjunctions {
            let entry = self.entries.count
            // Renumbered in this index's slots, which every rule shares.
            let renumbered = Conjunction(conjunction.fields, paths: &self.paths)
            let exactFields = conjunction.fields.count { $0.exactValues != nil }
            self.entries.append(Entry(conjunction: renumbered, rule: rule, exactFields: exactFields))
            let slots = self.paths.slots.count
            self.byValue += Array(repeating: [:], count: slots - self.byValue.count)
            self.byPrefix += Array(repeating: PrefixTable(), count: slots - self.byPrefix.count)
            self.byPath += Array(repeating: [], count: slots - self.byPath.count)
            self.file(entry, by: conjunction.fields)
        }
    }

    /// Files an entry under each of its exact-valued fields and values (it is checked once an event has a value for
    /// each of these fields), else under the prefix field whose shortest prefix is longest, else under the first field
    /// that must be present.
    private mutating func file(_ entry: Int, by fields: [FieldTest]) {
        let exact = fields.compactMap { field in field.exactValues.map { (field.path, $0) } }
        if !exact.isEmpty {
            for (path, values) in exact {
                for value in values {
                    self.byValue[self.paths.slot(for: path)][value, default: []].append(entry)
                }
            }
        } else if let (path, prefixes) = fields.compactMap({ field in field.prefixes.map { (field.path, $0) } })
            .max(by: { Self.shortest($0.1) < Self.shortest($1.1) })
        {
            for prefix in prefixes {
                self.byPrefix[self.paths.slot(for: path)].insert(prefix, entry: entry)
            }
        } else if let field = fields.first(where: { !$0.matchesAbsence }) {
            self.byPath[self.paths.slot(for: field.path)].append(entry)
        } else {
            self.unfiled.append(entry)
        }
    }

    private static func shortest(_ texts: [String]) -> Int {
        texts.lazy.map(\.utf8.count).min() ?? 0
    }

    /// The numbers of the rules whose patterns match `event`, in increasing order.
    func matchingRuleNumbers(for event: JSONValue) -> [Int] {
        let flattened = FlattenedEvent(event, keeping: self.paths)
        var matched = [Bool](repeating: false, count: self.ruleCount)
        var found: [Int] = []
        found.reserveCapacity(min(self.ruleCount, 64))
        // How many of each entry's exact-valued fields the event has a filed value for.
        var exactHits = [Int32](repeating: 0, count: self.entries.count)
        func evaluate(_ index: Int) {
            let entry = self.entries[index]
            if !matched[entry.rule] && entry.conjunction.matches(flattened) {
                matched[entry.rule] = true
                found.append(entry.rule)
            }
        }
        func check(_ entries: [Int]) {
            for index in entries { evaluate(index) }
        }
        func countExactHits(_ entries: [Int]) {
            for index in entries {
                exactHits[index] += 1
                // Checked once, when the last field is found (an array may find a field twice: that only checks
                // early, and the check looks at the whole event anyway).
                if exactHits[index] == self.entries[index].exactFields { evaluate(index) }
            }
        }
        for slot in flattened.filledSlots {
            let filed = self.byValue[slot]
            if !filed.isEmpty, let leaves = flattened[slot] {
                for leaf in leaves.values {
                    if let entries = filed[leaf.value] { countExactHits(entries) }
                }
            }
            let prefixes = self.byPrefix[slot]
            if !prefixes.isEmpty, let leaves = flattened[slot] {
                for case .string(let text) in leaves.values.lazy.map(\.value) {
                    prefixes.forEachCandidate(of: text, check)
                }
            }
            check(self.byPath[slot])
        }
        check(self.unfiled)
        return found.sorted()
    }
}
