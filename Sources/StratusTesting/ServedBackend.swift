/// Which backend a ``ServedSystem`` runs the functions' ports on.
public enum ServedBackend: String, Sendable, CaseIterable {
    /// The local cloud of the data folder: SQLite store, local bus and queues, local identity provider.
    case local
    /// `--backend aws`: the AWS adapters, on the resources `stratus provision` made on a moto server.
    case aws
}
