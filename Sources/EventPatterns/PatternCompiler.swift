import JSONCoding

/// Turns a pattern's JSON into conjunctions, checking it as EventBridge does and rejecting it with EventBridge's
/// reasons.
enum PatternCompiler {
    /// The most conjunctions the `$or`s of one pattern may multiply out to.
    static let maximumCombinations = 1000

    /// The operator names; an object using one of them as a key is an operator, not a `$or` alternative.
    private static let operatorNames: Set<String> = [
        "prefix", "suffix", "equals-ignore-case", "wildcard", "anything-but", "numeric", "exists", "cidr",
    ]

    /// The fields of each conjunction of a whole pattern.
    static func conjunctions(of pattern: JSONValue) throws(EventPatternError) -> [[FieldTest]] {
        guard case .object(let members) = pattern else {
            throw EventPatternError(.malformedJSON, "Filter is not an object")
        }
        return try self.alternatives(of: members, under: nil)
    }

    /// The ways the fields of one object (at `path`) can all match: one list of fields per combination of `$or`
    /// alternatives. Keys are taken in sorted order so that the result does not depend on the object's order.
    private static func alternatives(
        of members: [String: JSONValue], under path: String?
    ) throws(EventPatternError) -> [[FieldTest]] {
        // EventBridge refuses `{}` anywhere: as the whole pattern, as a field's value, as a `$or` alternative.
        guard !members.isEmpty else { throw EventPatternError(.emptyObject, "Empty objects are not allowed") }
        var combinations: [[FieldTest]] = [[]]
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            let choices: [[FieldTest]]
            if key == "$or", let branches = self.orBranches(value) {
                choices = try self.union(branches, under: path)
            } else {
                let fieldPath = path.map { $0 + "." + key } ?? key
                switch value {
                case .object(let nested): choices = try self.alternatives(of: nested, under: fieldPath)
                case .array(let entries):
                    choices = [[FieldTest(path: fieldPath, conditions: try self.conditions(entries))]]
                default: throw EventPatternError(.notObjectOrArray, "\"\(key)\" must be an object or an array")
                }
            }
            guard combinations.count * choices.count <= Self.maximumCombinations else {
                throw EventPatternError(
                    .tooManyCombinations,
                    "The $or alternatives combine into more than \(Self.maximumCombinations) rules")
            }
            combinations = combinations.flatMap { fields in choices.map { fields + $0 } }
        }
        return combinations
    }

    /// The alternatives of a `$or`: at least two objects, none of them an operator. Anything else makes `$or` an
    /// ordinary field name, as in EventBridge.
    private static func orBranches(_ value: JSONValue) -> [[String: JSONValue]]? {
        guard case .array(let entries) = value, entries.count >= 2 else { return nil }
        let branches = entries.compactMap(\.objectValue)
        guard branches.count == entries.count,
            branches.allSatisfy({ $0.keys.allSatisfy { !Self.operatorNames.contains($0) } })
        else { return nil }
        return branches
    }

    private static func union(
        _ branches: [[String: JSONValue]], under path: String?
    ) throws(EventPatternError) -> [[FieldTest]] {
        var choices: [[FieldTest]] = []
        for branch in branches {
            choices += try self.alternatives(of: branch, under: path)
        }
        return choices
    }

    /// The entries of a field's array.
    private static func conditions(_ entries: [JSONValue]) throws(EventPatternError) -> [LeafCondition] {
        guard !entries.isEmpty else { throw EventPatternError(.emptyArray, "Empty arrays are not allowed") }
        var conditions: [LeafCondition] = []
        for entry in entries {
            if let scalar = EventScalar(entry) {
                conditions.append(.equals(scalar))
            } else if case .object(let members) = entry {
                conditions.append(try OperatorCompiler.condition(members))
            } else {
                throw EventPatternError(
                    .invalidMatchValue, "Match value must be String, number, true, false, or null")
            }
        }
        return conditions
    }
}
