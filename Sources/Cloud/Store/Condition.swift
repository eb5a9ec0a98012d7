/// A condition on an item, as in DynamoDB's condition expressions; a write with a condition happens only when the
/// current item (or its absence) satisfies it.
///
/// ```swift
/// let createOnly: Condition = .attributeNotExists("PK")
/// let optimisticLock: Condition = .equal("version", .int(3))
/// let either: Condition = .beginsWith("status", "PEND") || !.attributeExists("deletedAt")
/// ```
public indirect enum Condition: Sendable, Hashable {
    case attributeExists(AttributePath)
    case attributeNotExists(AttributePath)
    /// Compares two operands; values of different types are never equal, ordered or unordered, as in DynamoDB.
    case compare(Operand, ComparisonOperator, Operand)
    /// `low <= value <= high`.
    case between(Operand, low: Operand, high: Operand)
    /// The string (or binary) at the path starts with the prefix.
    case beginsWith(AttributePath, String)
    /// The operand equals one of the candidates.
    case isIn(Operand, [Operand])
    case and(Condition, Condition)
    case or(Condition, Condition)
    case not(Condition)

    /// One side of a comparison: an attribute of the item, or a literal value.
    public enum Operand: Sendable, Hashable {
        case path(AttributePath)
        case value(AttributeValue)
    }

    /// The comparison operators of DynamoDB's condition expressions.
    public enum ComparisonOperator: String, Sendable, Hashable {
        case equal = "="
        case notEqual = "<>"
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
    }

    /// The attribute at `path` equals `value`.
    public static func equal(_ path: AttributePath, _ value: AttributeValue) -> Condition {
        .compare(.path(path), .equal, .value(value))
    }

    /// The attribute at `path` compares to `value` with `comparison`.
    public static func compare(
        _ path: AttributePath,
        _ comparison: ComparisonOperator,
        _ value: AttributeValue
    ) -> Condition {
        .compare(.path(path), comparison, .value(value))
    }

    /// Holds when both conditions hold.
    public static func && (lhs: Condition, rhs: Condition) -> Condition { .and(lhs, rhs) }
    /// Holds when either condition holds.
    public static func || (lhs: Condition, rhs: Condition) -> Condition { .or(lhs, rhs) }
    public static prefix func ! (condition: Condition) -> Condition { .not(condition) }
}
