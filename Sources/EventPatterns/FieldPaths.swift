/// The paths some patterns name, each given a slot number: flattening an event keeps only the leaves at these paths,
/// in an array indexed by slot, so that checking a field costs an array access instead of hashing its path.
struct FieldPaths: Sendable {
    /// The slot of each field path (`detail.customer.tier`).
    private(set) var slots: [String: Int] = [:]
    /// Every path above a field, at each `.` (`detail`, `detail.customer`): objects there must be looked into.
    private(set) var parents: Set<String> = []

    /// The slot of `path`, given a new one if it has none yet.
    mutating func slot(for path: String) -> Int {
        if let slot = self.slots[path] { return slot }
        let slot = self.slots.count
        self.slots[path] = slot
        var parent = Substring(path)
        while let dot = parent.lastIndex(of: ".") {
            parent = parent[..<dot]
            self.parents.insert(String(parent))
        }
        return slot
    }
}
