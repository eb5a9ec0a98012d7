/// Fields that must all match, with every `$or` of a pattern already chosen: a pattern matches when one of its
/// conjunctions does.
struct Conjunction: Sendable {
    /// The fields, in a fixed order.
    let fields: [FieldTest]
    /// The slot of each field's path among `paths`, the paths events are flattened to.
    private let slots: [Int]

    /// The conjunction of `fields`, checked against events flattened to `paths` (which gain the fields' paths).
    init(_ fields: [FieldTest], paths: inout FieldPaths) {
        self.fields = fields
        self.slots = fields.map { paths.slot(for: $0.path) }
    }

    /// Whether every field matches the event. Fields whose values sit in the same array must find them in one
    /// element of it: `{"a": {"x": [1], "y": [2]}}` does not match `{"a": [{"x": 1}, {"y": 2}]}`.
    func matches(_ event: FlattenedEvent) -> Bool {
        var fieldsInArrays = 0
        for (field, slot) in zip(self.fields, self.slots) {
            guard let leaves = event[slot] else {
                if field.matchesAbsence { continue }
                return false
            }
            guard leaves.values.contains(where: { field.accepts($0.value) }) else { return false }
            if leaves.isInArray { fieldsInArrays += 1 }
        }
        // Only two or more fields found in arrays can disagree on an element.
        return fieldsInArrays < 2 || self.matchesWithinArrayElements(event)
    }

    /// Whether the fields can all be matched by leaves that agree on the element of every array they share.
    private func matchesWithinArrayElements(_ event: FlattenedEvent) -> Bool {
        let candidates = zip(self.fields, self.slots).compactMap { field, slot in
            event[slot].map { leaves in leaves.values.filter { field.accepts($0.value) } }
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
