/// What a pattern asks of one field: the dot-joined path and the entries of its array, any of which may match.
struct FieldTest: Sendable {
    /// The field's path, keys joined by `.` (`detail.state`).
    let path: String
    /// The entries; the field matches when one of them matches one of the event's values at the path.
    let conditions: [LeafCondition]
    /// Whether the field also matches when the event has no value at the path (an `exists: false` entry).
    let matchesAbsence: Bool

    init(path: String, conditions: [LeafCondition]) {
        self.path = path
        self.conditions = conditions
        self.matchesAbsence = conditions.contains {
            if case .exists(false) = $0 { return true }
            return false
        }
    }

    /// Whether an event value at the path satisfies one of the entries.
    func accepts(_ value: EventScalar) -> Bool {
        self.conditions.contains { $0.matches(value) }
    }

    /// The texts the field's strings must start with, when every entry is a case-sensitive `prefix`.
    var prefixes: [String]? {
        var texts: [String] = []
        for condition in self.conditions {
            guard case .prefix(let text) = condition else { return nil }
            texts.append(text)
        }
        return texts
    }

    /// The exact values the field asks for, when every entry is an exact value (the case a rule index can look up).
    var exactValues: Set<EventScalar>? {
        var values = Set<EventScalar>()
        for condition in self.conditions {
            guard case .equals(let value) = condition else { return nil }
            values.insert(value)
        }
        return values
    }
}
