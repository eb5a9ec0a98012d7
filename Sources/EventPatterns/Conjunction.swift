/// Fields that must all match, with every `$or` of a pattern already chosen: a pattern matches when one of its
/// conjunctions does.
struct Conjunction: Sendable {
    /// The fields, in a fixed order.
    let fields: [FieldTest]

    /// Whether every field matches the event. Fields whose values sit in the same array must find them in one
    /// element of it: `{"a": {"x": [1], "y": [2]}}` does not match `{"a": [{"x": 1}, {"y": 2}]}`.
    func matches(_ event: FlattenedEvent) -> Bool {
        guard event.arrayCount > 0 else {
            return self.fields.allSatisfy { field in
                let leaves = event[field.path]
                return leaves.isEmpty ? field.matchesAbsence : leaves.contains { field.accepts($0.value) }
            }
        }
        var candidates: [[FlattenedEvent.Leaf]] = []
        for field in self.fields {
            let leaves = event[field.path]
            if leaves.isEmpty {
                guard field.matchesAbsence else { return false }
                continue
            }
            let accepted = leaves.filter { field.accepts($0.value) }
            guard !accepted.isEmpty else { return false }
            candidates.append(accepted)
        }
        var chosen: [FlattenedEvent.Leaf] = []
        return Self.chooseConsistently(from: candidates[...], chosen: &chosen)
    }

    /// Whether one leaf per remaining field can be picked so that all picked leaves share their array elements.
    private static func chooseConsistently(
        from candidates: ArraySlice<[FlattenedEvent.Leaf]>, chosen: inout [FlattenedEvent.Leaf]
    ) -> Bool {
        guard let leaves = candidates.first else { return true }
        for leaf in leaves where chosen.allSatisfy({ $0.isConsistent(with: leaf) }) {
            chosen.append(leaf)
            if Self.chooseConsistently(from: candidates.dropFirst(), chosen: &chosen) { return true }
            chosen.removeLast()
        }
        return false
    }
}
