/// The changes of an update, as in DynamoDB's update expressions: `SET`, `REMOVE`, `ADD` and `DELETE` clauses.
///
/// ```swift
/// let ship = ItemUpdate()
///     .set("status", to: "SHIPPED")
///     .set("version", .sum(.path("version"), .value(1)))
///     .remove("cancelReason")
/// ```
///
/// Every operand reads the item as it was before the update, and a path may appear in only one action.
public struct ItemUpdate: Sendable, Hashable {
    /// A `SET` action's right-hand side.
    public indirect enum Value: Sendable, Hashable {
        case value(AttributeValue)
        case path(AttributePath)
        /// The value at the path if it exists, otherwise the fallback (`if_not_exists`).
        case ifNotExists(AttributePath, AttributeValue)
        /// The sum of two numbers (`a + b`).
        case sum(Value, Value)
        /// The difference of two numbers (`a - b`).
        case difference(Value, Value)
        /// Two lists joined (`list_append`).
        case listAppend(Value, Value)
    }

    /// One `SET path = value` action.
    public struct Assignment: Sendable, Hashable {
        /// Where the value goes.
        public var path: AttributePath
        /// What is written there.
        public var value: Value
    }

    /// One `ADD` or `DELETE` action: a path and the number or set it adds or the set elements it deletes.
    public struct Operation: Sendable, Hashable {
        /// The attribute the action changes.
        public var path: AttributePath
        /// The number to add, or the set whose elements are added or deleted.
        public var value: AttributeValue
    }

    /// The `SET` actions, in the order they were added.
    public private(set) var assignments: [Assignment] = []
    /// The `REMOVE` actions' paths, in the order they were added.
    public private(set) var removals: [AttributePath] = []
    /// The `ADD` actions, in the order they were added.
    public private(set) var additions: [Operation] = []
    /// The `DELETE` actions, in the order they were added.
    public private(set) var deletions: [Operation] = []

    /// An update with no actions; add them with ``set(_:to:)`` and the other builders.
    public init() {}

    /// `SET path = value`.
    public func set(_ path: AttributePath, _ value: Value) -> ItemUpdate {
        var copy = self
        copy.assignments.append(Assignment(path: path, value: value))
        return copy
    }

    /// `SET path = :value`.
    public func set(_ path: AttributePath, to value: AttributeValue) -> ItemUpdate {
        self.set(path, .value(value))
    }

    /// `REMOVE path`.
    public func remove(_ path: AttributePath) -> ItemUpdate {
        var copy = self
        copy.removals.append(path)
        return copy
    }

    /// `ADD path :value`: adds a number (starting from 0 when absent) or the elements of a set.
    public func add(_ path: AttributePath, _ value: AttributeValue) -> ItemUpdate {
        var copy = self
        copy.additions.append(Operation(path: path, value: value))
        return copy
    }

    /// `DELETE path :elements`: removes the elements from a set.
    public func delete(_ path: AttributePath, elements value: AttributeValue) -> ItemUpdate {
        var copy = self
        copy.deletions.append(Operation(path: path, value: value))
        return copy
    }

    /// Whether the update has no action at all.
    public var isEmpty: Bool {
        self.assignments.isEmpty && self.removals.isEmpty && self.additions.isEmpty && self.deletions.isEmpty
    }

    /// The paths the update writes, in the order of its clauses.
    public var paths: [AttributePath] {
        self.assignments.map(\.path) + self.removals + self.additions.map(\.path) + self.deletions.map(\.path)
    }

    /// The top-level attributes the update writes.
    public var updatedAttributes: Set<String> { Set(self.paths.map(\.attribute)) }
}
