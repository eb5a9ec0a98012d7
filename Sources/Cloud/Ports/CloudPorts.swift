/// The outside world as functions reach it: the local cloud hands in its own adapters (the SQLite store, the local
/// identity provider), Lambda the AWS ones. Services see only these ports, never an adapter.
public struct CloudPorts: Sendable {
    /// The single table.
    public var store: any ItemStore
    /// The user directory.
    public var identity: any IdentityProvider

    public init(store: any ItemStore, identity: any IdentityProvider = UnavailableIdentityProvider(reason: "No identity provider is configured")) {
        self.store = store
        self.identity = identity
    }

    /// Ports for a runtime without adapters: every operation fails with ``ItemStoreError/unavailable(_:)`` or
    /// ``IdentityError/unavailable(_:)`` and `reason`, so a function that needs a port says why it cannot work, and
    /// one that does not is unaffected.
    public static func unconfigured(_ reason: String) -> CloudPorts {
        CloudPorts(store: UnavailableItemStore(reason: reason), identity: UnavailableIdentityProvider(reason: reason))
    }
}
