/// One action of a transaction: all of a transaction's actions happen, or none does.
public enum TransactionAction: Sendable, Hashable {
    case put(Item, condition: Condition? = nil)
    case update(ItemKey, ItemUpdate, condition: Condition? = nil)
    case delete(ItemKey, condition: Condition? = nil)
    /// Writes nothing; cancels the transaction unless the item satisfies the condition.
    case conditionCheck(ItemKey, condition: Condition)

    /// The key of the item the action touches, if the action names one (a put without `PK`/`SK` does not).
    public var key: ItemKey? {
        switch self {
        case .put(let item, _): item.key
        case .update(let key, _, _), .delete(let key, _), .conditionCheck(let key, _): key
        }
    }
}
