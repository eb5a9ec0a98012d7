/// The paths some pattern names, so that flattening an event can skip every part of it no pattern looks at.
struct FieldPaths: Sendable {
    /// The paths of the patterns' fields (`detail.customer.tier`).
    private(set) var fields: Set<String> = []
    /// Every path above a field, at each `.` (`detail`, `detail.customer`): objects there must be looked into.
    private(set) var parents: Set<String> = []

    /// Adds the paths of every field of `conjunctions`.
    mutating func insert(_ conjunctions: [Conjunction]) {
        for field in conjunctions.lazy.flatMap(\.fields) where self.fields.insert(field.path).inserted {
            var parent = Substring(field.path)
            while let dot = parent.lastIndex(of: ".") {
                parent = parent[..<dot]
                self.parents.insert(String(parent))
            }
        }
    }
}
