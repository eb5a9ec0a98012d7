/// The condition a query puts on the sort key, as in DynamoDB's key condition expressions. Strings compare by
/// their UTF-8 bytes.
public enum SortKeyCondition: Sendable, Hashable {
    case equal(String)
    case less(String)
    case lessOrEqual(String)
    case greater(String)
    case greaterOrEqual(String)
    /// Inclusive at both ends.
    case between(String, String)
    case beginsWith(String)

    /// Whether `sortKey` satisfies the condition.
    public func matches(_ sortKey: String) -> Bool {
        switch self {
        case .equal(let value): sortKey == value
        case .less(let value): Self.bytesLess(sortKey, value)
        case .lessOrEqual(let value): !Self.bytesLess(value, sortKey)
        case .greater(let value): Self.bytesLess(value, sortKey)
        case .greaterOrEqual(let value): !Self.bytesLess(sortKey, value)
        case .between(let low, let high): !Self.bytesLess(sortKey, low) && !Self.bytesLess(high, sortKey)
        case .beginsWith(let prefix): sortKey.utf8.starts(with: prefix.utf8)
        }
    }

    static func bytesLess(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
