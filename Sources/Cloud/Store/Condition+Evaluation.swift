extension Condition {
    /// Whether `item` satisfies the condition; `nil` stands for an item that does not exist, on which only
    /// `attribute_not_exists` (and its negations) can hold.
    public func isSatisfied(by item: Item?) -> Bool {
        let item = item ?? Item()
        switch self {
        case .attributeExists(let path):
            return path.value(in: item) != nil
        case .attributeNotExists(let path):
            return path.value(in: item) == nil
        case .compare(let lhs, let comparison, let rhs):
            guard let left = lhs.resolve(in: item), let right = rhs.resolve(in: item) else { return false }
            return Self.compare(left, comparison, right)
        case .between(let operand, let low, let high):
            guard let value = operand.resolve(in: item), let lower = low.resolve(in: item),
                let upper = high.resolve(in: item)
            else { return false }
            return Self.compare(value, .greaterOrEqual, lower) && Self.compare(value, .lessOrEqual, upper)
        case .beginsWith(let path, let prefix):
            switch path.value(in: item) {
            case .string(let value): return value.utf8.starts(with: prefix.utf8)
            case .binary(let value): return value.starts(with: prefix.utf8)
            default: return false
            }
        case .isIn(let operand, let candidates):
            guard let value = operand.resolve(in: item) else { return false }
            return candidates.contains { $0.resolve(in: item) == value }
        case .and(let lhs, let rhs):
            return lhs.isSatisfied(by: item) && rhs.isSatisfied(by: item)
        case .or(let lhs, let rhs):
            return lhs.isSatisfied(by: item) || rhs.isSatisfied(by: item)
        case .not(let condition):
            return !condition.isSatisfied(by: item)
        }
    }

    /// DynamoDB's comparison: equality across all types, ordering for numbers, strings and binaries of the same type
    /// only (strings and binaries by their bytes); anything else is false.
    static func compare(_ lhs: AttributeValue, _ comparison: ComparisonOperator, _ rhs: AttributeValue) -> Bool {
        switch comparison {
        case .equal: return lhs == rhs
        case .notEqual: return lhs != rhs
        default: break
        }
        guard let order = Self.order(lhs, rhs) else { return false }
        switch comparison {
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        case .equal, .notEqual: return false
        }
    }

    private static func order(_ lhs: AttributeValue, _ rhs: AttributeValue) -> Int? {
        switch (lhs, rhs) {
        case (.number(let left), .number(let right)):
            return left < right ? -1 : (left == right ? 0 : 1)
        case (.string(let left), .string(let right)):
            return Self.order(Array(left.utf8), Array(right.utf8))
        case (.binary(let left), .binary(let right)):
            return Self.order(left, right)
        default:
            return nil
        }
    }

    private static func order(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        for (left, right) in zip(lhs, rhs) where left != right {
            return left < right ? -1 : 1
        }
        return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
    }
}

extension Condition.Operand {
    func resolve(in item: Item) -> AttributeValue? {
        switch self {
        case .path(let path): path.value(in: item)
        case .value(let value): value
        }
    }
}
