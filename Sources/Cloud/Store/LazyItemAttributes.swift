/// An item's attributes kept in an adapter's own form (the local store's binary encoding, say) and decoded as they
/// are read, so that a page of items read for one attribute each costs little more than its bytes.
public protocol LazyItemAttributes: Sendable {
    /// The value of the attribute `name`, decoded alone, or `nil` when the item has no such attribute.
    func value(named name: String) -> AttributeValue?

    /// Every attribute, decoded.
    var attributes: [String: AttributeValue] { get }
}
