/// The outside world as functions reach it: the local cloud hands in its own adapters (the SQLite store), Lambda the
/// AWS ones. Services see only these ports, never an adapter.
public struct CloudPorts: Sendable {
    /// The single table.
    public var store: any ItemStore

    public init(store: any ItemStore) {
        self.store = store
    }

    /// Ports for a runtime without adapters: every store operation fails with
    /// ``ItemStoreError/unavailable(_:)`` and `reason`, so a function that needs the store says why it cannot work,
    /// and one that does not is unaffected.
    public static func unconfigured(_ reason: String) -> CloudPorts {
        CloudPorts(store: UnavailableItemStore(reason: reason))
    }
}
