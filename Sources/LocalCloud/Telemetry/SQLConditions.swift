import GRDB

/// The `WHERE` clause of a telemetry query built from optional filters: each filter that has a value adds its
/// condition and its argument; filters without a value add nothing.
struct SQLConditions {
    private var clauses: [String] = []
    /// The values of the clauses' placeholders, in order.
    private(set) var arguments: StatementArguments = []

    /// Adds `clause` (with one `?`) for `value` when there is a value.
    mutating func add(_ clause: String, _ value: (some DatabaseValueConvertible)?) {
        guard let value else { return }
        self.clauses.append(clause)
        self.arguments += [value]
    }

    /// `WHERE` and the clauses joined by `AND`, or nothing when no filter had a value.
    var whereClause: String {
        self.clauses.isEmpty ? "" : "WHERE " + self.clauses.joined(separator: " AND ")
    }
}
