import Identifiers

/// Where the ids of new entities come from (orders' ids, say): time-ordered UUIDs from ``SystemIdentifierSource`` in
/// the local cloud and on Lambda; tests hand in a source whose ids they know in advance.
///
/// Every source makes UUIDs in their text form (`8-4-4-4-12` hexadecimal digits), so an id that is not one
/// (``isWellFormed(_:)``) names nothing and need not be looked up.
public protocol IdentifierSource: Sendable {
    /// A new id, never made before by this source.
    func makeIdentifier() -> String
}

extension IdentifierSource {
    /// Whether `identifier` has the shape of the ids sources make: a UUID in text form, in either case.
    public func isWellFormed(_ identifier: String) -> Bool {
        RandomUUID.isWellFormed(identifier)
    }
}
