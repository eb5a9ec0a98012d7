/// Which attributes a write returns, as DynamoDB's `ReturnValues`.
public enum ReturnValues: Sendable, Hashable {
    /// Nothing (the default).
    case none
    /// The whole item as it was before the write, if it existed.
    case allOld
    /// The whole item as it is after the write (updates only).
    case allNew
    /// The attributes the update wrote, as they were before (updates only).
    case updatedOld
    /// The attributes the update wrote, as they are after (updates only).
    case updatedNew

    /// The item to return from a write that turned `old` into `new`, where `updated` names the written attributes
    /// (worked out only when needed).
    public func select(old: Item?, new: Item?, updated: @autoclosure () -> Set<String>) -> Item? {
        switch self {
        case .none: nil
        case .allOld: old
        case .allNew: new
        case .updatedOld: old.map { Self.only(updated(), of: $0) }
        case .updatedNew: new.map { Self.only(updated(), of: $0) }
        }
    }

    private static func only(_ names: Set<String>, of item: Item) -> Item {
        Item(item.attributes.filter { names.contains($0.key) })
    }
}
