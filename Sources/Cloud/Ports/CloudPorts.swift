/// The outside world as functions reach it: the local cloud hands in its own adapters (the SQLite store, the local
/// identity provider, the notification log, the secrets file), Lambda the AWS ones. Services see only these ports,
/// never an adapter.
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
    /// The secrets (API keys, signing secrets); read them through a ``SecretCache``.
    public var secrets: any SecretStore
    /// The event buses.
    public var bus: any EventBus
    /// The name of the bus the app's events go to on ``bus`` (the outbox relay publishes there).
    public var appBus: String

    /// Ports with these adapters; the time is the system's and ids are random UUIDs unless `clock` and
    /// `identifiers` say otherwise, and nothing can be sent to people, read from secrets or put on a bus unless
    /// `notifier`, `secrets` and `bus` are given; the app's events go to the bus `appBus` (`default` unless named).
    public init(
        store: any ItemStore,
        identity: any IdentityProvider = UnavailableIdentityProvider(reason: "No identity provider is configured"),
        clock: any Clock = SystemClock(),
        identifiers: any IdentifierSource = SystemIdentifierSource(),
        notifier: any Notifier = UnavailableNotifier(reason: "No notifier is configured"),
        secrets: any SecretStore = UnavailableSecretStore(reason: "No secret store is configured"),
        bus: any EventBus = UnavailableEventBus(reason: "No event bus is configured"),
        appBus: String = Bus.defaultName
    ) {
        self.store = store
        self.identity = identity
        self.clock = clock
        self.identifiers = identifiers
        self.notifier = notifier
        self.secrets = secrets
        self.bus = bus
        self.appBus = appBus
    }

    /// Ports for a runtime without adapters: every operation fails with ``ItemStoreError/unavailable(_:)``,
    /// ``IdentityError/unavailable(_:)``, ``NotifierError/Code/unavailable``, ``SecretStoreError/Code/unavailable``
    /// or ``EventBusError/Code/unavailable`` and `reason`, so a function that needs a port says why it cannot work,
    /// and one that does not is unaffected. The time is `clock`'s.
    public static func unconfigured(_ reason: String, clock: any Clock = SystemClock()) -> CloudPorts {
        CloudPorts(
            store: UnavailableItemStore(reason: reason), identity: UnavailableIdentityProvider(reason: reason),
            clock: clock, notifier: UnavailableNotifier(reason: reason),
            secrets: UnavailableSecretStore(reason: reason),
            bus: UnavailableEventBus(reason: reason)
        )
    }
}
