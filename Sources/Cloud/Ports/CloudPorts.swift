/// The outside world as functions reach it: the local cloud hands in its own adapters (the SQLite store, the local
/// identity provider, the notification log), Lambda the AWS ones. Services see only these ports, never an adapter.
public struct CloudPorts: Sendable {
    /// The single table.
    public var store: any ItemStore
    /// The user directory.
    public var identity: any IdentityProvider
    /// The time of the business rules.
    public var clock: any Clock
    /// The ids of new entities.
    public var identifiers: any IdentifierSource
    /// Emails and text messages to people.
    public var notifier: any Notifier

    /// Ports with these adapters; the time is the system's and ids are random UUIDs unless `clock` and
    /// `identifiers` say otherwise, and nothing can be sent to people unless `notifier` is given.
    public init(
        store: any ItemStore,
        identity: any IdentityProvider = UnavailableIdentityProvider(reason: "No identity provider is configured"),
        clock: any Clock = SystemClock(),
        identifiers: any IdentifierSource = SystemIdentifierSource(),
        notifier: any Notifier = UnavailableNotifier(reason: "No notifier is configured")
    ) {
        self.store = store
        self.identity = identity
        self.clock = clock
        self.identifiers = identifiers
        self.notifier = notifier
    }

    /// Ports for a runtime without adapters: every operation fails with ``ItemStoreError/unavailable(_:)`` or
    /// ``IdentityError/unavailable(_:)`` (or a notifier's ``NotifierError/Code/unavailable``) and `reason`, so a function that needs a port says why it cannot work, and
    /// one that does not is unaffected. The time is `clock`'s.
    public static func unconfigured(_ reason: String, clock: any Clock = SystemClock()) -> CloudPorts {
        CloudPorts(
            store: UnavailableItemStore(reason: reason), identity: UnavailableIdentityProvider(reason: reason),
            clock: clock, notifier: UnavailableNotifier(reason: reason))
    }
}
