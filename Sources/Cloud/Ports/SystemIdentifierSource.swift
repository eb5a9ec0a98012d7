import Identifiers

/// Time-ordered (version 7) UUIDs with 74 random bits from the system's secure generator: the ``IdentifierSource`` of
/// the local cloud and of Lambda. New ids sort after older ones, so the store's index takes each new entity at its
/// end rather than on a page at random.
public struct SystemIdentifierSource: IdentifierSource {
    /// The system's source.
    public init() {}

    /// A new time-ordered UUID in lower-case text form.
    public func makeIdentifier() -> String { TimeOrderedUUID.make() }
}
