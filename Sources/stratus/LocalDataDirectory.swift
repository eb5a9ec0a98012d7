import Cloud
import Foundation
import LocalCloud

/// The folder where the local cloud keeps its state (`--data-dir`, `.stratus` by default), and the clock of what it
/// keeps there.
struct LocalDataDirectory {
    let path: String
    /// The time of the stores' time to live, of tokens and of the identity provider's limits and codes.
    var clock: any Clock = SystemClock()

    /// The store's file in the folder (relative when the folder is).
    var storePath: String { self.file("store.sqlite") }

    /// The local secret store's file (mode 0600): `stratus secrets put` writes it, functions read it.
    var secretStore: FileSecretStore { FileSecretStore(path: self.file("secrets.json"), clock: self.clock) }

    /// The local notification log, where emails such as password-reset codes go.
    var notificationLogPath: String { self.file("notifications.log") }

    /// The notification log in the folder; one process shares one, so that its delivery keys are checked under one
    /// lock.
    var notificationLog: NotificationLog { NotificationLog(path: self.notificationLogPath, clock: self.clock) }

    /// The identity provider's folder: its signing key and its user directory.
    private var identityPath: String { self.file("identity") }

    /// The local token issuer, whose signing key lives in `identity/` (created on first use).
    func tokenIssuer() throws -> LocalTokenIssuer {
        do {
            return try LocalTokenIssuer(directory: self.identityPath, clock: self.clock)
        } catch {
            throw CommandLineError("Cannot load or create the signing key in \(self.identityPath): \(error)")
        }
    }

    /// The identity provider's user directory, `identity/directory.sqlite`.
    func openIdentityDirectory() throws -> SQLiteItemStore {
        try self.open(file: "identity/directory.sqlite", in: self.identityPath)
    }

    /// The local identity provider on `directory`: tokens from `issuer` valid for `tokenLifetime`, codes to the
    /// notification log.
    func identityProvider(
        directory: SQLiteItemStore,
        issuer: LocalTokenIssuer,
        notifications: NotificationLog? = nil,
        hashing cost: PasswordHasher.Cost = .standard,
        tokenLifetime: Duration = LocalIdentityProvider.defaultTokenLifetime
    ) -> LocalIdentityProvider {
        LocalIdentityProvider(
            store: directory, issuer: issuer,
            notifications: notifications ?? self.notificationLog,
            hasher: PasswordHasher(cost: cost), tokenLifetime: tokenLifetime, clock: self.clock
        )
    }

    /// The telemetry store's file: logs, metrics, invocations and traces.
    var telemetryPath: String { self.file("telemetry.sqlite") }

    /// Creates the folder if needed and opens the telemetry store in it.
    func openTelemetryStore() throws -> TelemetryStore {
        try self.createFolder(self.path)
        do {
            return try TelemetryStore(path: self.telemetryPath)
        } catch {
            throw CommandLineError("Cannot open \(self.telemetryPath): \(error)")
        }
    }

    /// The file holding the admin token of the running `stratus serve`, where `stratus logs` and `stratus traces`
    /// find it.
    var adminTokenPath: String { self.file("admin-token") }

    /// Creates the folder if needed and writes `token` to ``adminTokenPath``, readable by its owner only.
    func saveAdminToken(_ token: String) throws {
        try self.createFolder(self.path)
        guard
            FileManager.default.createFile(
                atPath: self.adminTokenPath, contents: Data(token.utf8), attributes: [.posixPermissions: 0o600])
        else {
            throw CommandLineError("Cannot write the admin token to \(self.adminTokenPath)")
        }
    }

    /// The admin token of `STRATUS_ADMIN_TOKEN`, which `stratus serve` and the CLI take before any other.
    static func environmentAdminToken(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String?
    {
        environment["STRATUS_ADMIN_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The admin token a `stratus serve` on this folder saved, or `nil` when there is none.
    func savedAdminToken() -> String? {
        FileManager.default.contents(atPath: self.adminTokenPath)
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
            .flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The local queues' file: the queues made through `/_aws` and their messages.
    var queuesPath: String { self.file("queues.sqlite") }

    /// Creates the folder if needed and opens the local queues in it.
    func openQueues() throws -> SQLiteMessageQueue {
        try self.createFolder(self.path)
        do {
            return try SQLiteMessageQueue(path: self.queuesPath, clock: self.clock)
        } catch {
            throw CommandLineError("Cannot open \(self.queuesPath): \(error)")
        }
    }

    /// Creates the folder if needed and opens the store in it.
    func openStore() throws -> SQLiteItemStore {
        try self.open(file: "store.sqlite", in: self.path)
    }

    func createFolder(_ folder: String) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CommandLineError("Cannot create the folder \(folder): \(error.localizedDescription)")
        }
    }

    private func open(file: String, in folder: String) throws -> SQLiteItemStore {
        try self.createFolder(folder)
        do {
            return try SQLiteItemStore(path: self.file(file), clock: self.clock)
        } catch {
            throw CommandLineError("Cannot open \(self.file(file)): \(error)")
        }
    }

    /// The path of `name` in the folder.
    func file(_ name: String) -> String {
        self.path.hasSuffix("/") ? self.path + name : self.path + "/" + name
    }
}
