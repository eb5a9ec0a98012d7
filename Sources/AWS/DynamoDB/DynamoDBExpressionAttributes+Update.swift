import Cloud

extension DynamoDBExpressionAttributes {
    /// `update` as an update expression over placeholders: its `SET`, `REMOVE`, `ADD` and `DELETE` clauses, each
    /// present only when it has actions. The update must not be empty.
    mutating func update(_ update: ItemUpdate) -> String {
        var clauses: [String] = []
        if !update.assignments.isEmpty {
            let actions = update.assignments.map { assignment in
                let target = self.path(assignment.path)
                return "\(target) = \(self.value(of: assignment.value))"
            }
            clauses.append("SET " + actions.joined(separator: ", "))
        }
        if !update.removals.isEmpty {
            clauses.append("REMOVE " + update.removals.map { self.path($0) }.joined(separator: ", "))
        }
        if !update.additions.isEmpty {
            clauses.append("ADD " + self.operations(update.additions).joined(separator: ", "))
        }
        if !update.deletions.isEmpty {
            clauses.append("DELETE " + self.operations(update.deletions).joined(separator: ", "))
        }
        return clauses.joined(separator: " ")
    }

    private mutating func operations(_ operations: [ItemUpdate.Operation]) -> [String] {
        operations.map { operation in
            let target = self.path(operation.path)
            return "\(target) \(self.value(operation.value))"
        }
    }

    private mutating func value(of value: ItemUpdate.Value) -> String {
        switch value {
        case .value(let literal):
            return self.value(literal)
        case .path(let path):
            return self.path(path)
        case .ifNotExists(let path, let fallback):
            let target = self.path(path)
            return "if_not_exists(\(target), \(self.value(fallback)))"
        case .sum(let lhs, let rhs):
            let left = self.value(of: lhs)
            return "\(left) + \(self.value(of: rhs))"
        case .difference(let lhs, let rhs):
            let left = self.value(of: lhs)
            return "\(left) - \(self.value(of: rhs))"
        case .listAppend(let lhs, let rhs):
            let left = self.value(of: lhs)
            return "list_append(\(left), \(self.value(of: rhs)))"
        }
    }
}
