import Identifiers

/// Random (version 4) UUIDs from the system's secure generator: the ``IdentifierSource`` of the local cloud and of
/// Lambda.
public struct SystemIdentifierSource: IdentifierSource {
    /// The system's source.
    public init() {}

    /// A new random UUID in lower-case text form.
    public func makeIdentifier() -> String { RandomUUID.make() }
}
