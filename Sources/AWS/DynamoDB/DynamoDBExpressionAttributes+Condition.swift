import Cloud

extension DynamoDBExpressionAttributes {
    /// The most candidates DynamoDB takes in one `IN`.
    static let maximumInCandidates = 100

    /// `condition` as a condition (or filter) expression over placeholders; throws
    /// ``ItemStoreError/validation(_:)`` for an `IN` without candidates or with more than DynamoDB takes.
    mutating func condition(_ condition: Condition) throws(ItemStoreError) -> String {
        switch condition {
        case .attributeExists(let path):
            return "attribute_exists(\(self.path(path)))"
        case .attributeNotExists(let path):
            return "attribute_not_exists(\(self.path(path)))"
        case .compare(let lhs, let comparison, let rhs):
            let left = self.operand(lhs)
            return "\(left) \(comparison.rawValue) \(self.operand(rhs))"
        case .between(let operand, let low, let high):
            let value = self.operand(operand)
            let lower = self.operand(low)
            return "\(value) BETWEEN \(lower) AND \(self.operand(high))"
        case .beginsWith(let path, let prefix):
            let target = self.path(path)
            return "begins_with(\(target), \(self.value(.string(prefix))))"
        case .isIn(let operand, let candidates):
            guard (1...Self.maximumInCandidates).contains(candidates.count) else {
                throw .validation("IN takes 1 to \(Self.maximumInCandidates) candidates, not \(candidates.count)")
            }
            let value = self.operand(operand)
            let list = candidates.map { self.operand($0) }.joined(separator: ", ")
            return "\(value) IN (\(list))"
        case .and(let lhs, let rhs):
            let left = try self.condition(lhs)
            return "(\(left)) AND (\(try self.condition(rhs)))"
        case .or(let lhs, let rhs):
            let left = try self.condition(lhs)
            return "(\(left)) OR (\(try self.condition(rhs)))"
        case .not(let inner):
            return "NOT (\(try self.condition(inner)))"
        }
    }

    private mutating func operand(_ operand: Condition.Operand) -> String {
        switch operand {
        case .path(let path): self.path(path)
        case .value(let value): self.value(value)
        }
    }
}
