public import Cloud
import Foundation
import Identifiers

#if canImport(Glibc)
import Glibc
import LambdaEvents
#endif

/// The local cloud's secret store: one JSON file in the data folder, readable and writable by its owner only
/// (mode 0600). Every operation reads the file, and a change replaces it whole (written beside it, flushed, renamed
/// over it) under an exclusive lock, so `stratus serve` and a CLI command may use it at once and a crash leaves
/// either the old file or the new one.
public struct FileSecretStore: SecretStore {
    /// The file's largest size this store reads: 64 MiB.
    public static let maximumFileSize = 64 << 20

    private let path: String
    private let clock: any Clock

    /// A store keeping its secrets in the file at `path` (created on the first write), telling versions' times by
    /// `clock`.
    public init(path: String, clock: any Clock = SystemClock()) {
        self.path = path
        self.clock = clock
    }

    /// The current value of the secret `name`.
    public func secretValue(_ name: String) async throws(SecretStoreError) -> SecretValue {
        try SecretLimits.validate(name: name)
        guard let stored = try self.withLock(exclusive: false, { () throws(SecretStoreError) in try self.read()[name] })
        else {
            throw .notFound(name)
        }
        return try stored.value(named: name)
    }

    /// Makes `value` the current value of `name` as a new version, creating the secret if needed.
    @discardableResult
    public func putSecretValue(_ name: String, _ value: SecretPayload) async throws(SecretStoreError) -> String {
        try SecretLimits.validate(name: name)
        try SecretLimits.validate(value)
        let version = StoredSecret(value, versionID: RandomUUID.make(), createdMilliseconds: self.clock.nowMilliseconds)
        try self.withLock(exclusive: true) { () throws(SecretStoreError) in
            var secrets = try self.read()
            secrets[name] = version
            try self.write(secrets)
        }
        return version.versionID
    }

    /// Deletes the secret `name`.
    public func deleteSecret(_ name: String) async throws(SecretStoreError) {
        try SecretLimits.validate(name: name)
        try self.withLock(exclusive: true) { () throws(SecretStoreError) in
            var secrets = try self.read()
            guard secrets.removeValue(forKey: name) != nil else { throw SecretStoreError.notFound(name) }
            try self.write(secrets)
        }
    }

    private func read() throws(SecretStoreError) -> [String: StoredSecret] {
        guard let handle = FileHandle(forReadingAtPath: self.path) else { return [:] }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: Self.maximumFileSize + 1) ?? Data()
        } catch {
            throw SecretStoreError(.unavailable, "The secrets file \(self.path) cannot be read")
        }
        guard data.count <= Self.maximumFileSize else {
            throw SecretStoreError(.unavailable, "The secrets file \(self.path) is larger than 64 MiB")
        }
        if data.isEmpty { return [:] }
        do {
            return try JSONDecoder().decode([String: StoredSecret].self, from: data)
        } catch {
            throw SecretStoreError(.unavailable, "The secrets file \(self.path) is not valid")
        }
    }

    private func write(_ secrets: [String: StoredSecret]) throws(SecretStoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(secrets)
        } catch {
            throw SecretStoreError(.unavailable, "The secrets file \(self.path) cannot be written")
        }
        do throws(OwnerOnlyFile.WriteError) {
            try OwnerOnlyFile(path: self.path).replace(with: data)
        } catch {
            throw SecretStoreError(.unavailable, "The secrets file \(self.path) cannot be written: \(error)")
        }
    }

    /// Runs `body` holding a lock on `<path>.lock` (shared for reads, exclusive for changes).
    private func withLock<Result>(
        exclusive: Bool,
        _ body: () throws(SecretStoreError) -> Result
    ) throws(SecretStoreError) -> Result {
        let descriptor = open(self.path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw SecretStoreError(.unavailable, "cannot open the lock of the secrets file \(self.path)")
        }
        defer { close(descriptor) }
        guard flock(descriptor, exclusive ? LOCK_EX : LOCK_SH) == 0 else {
            throw SecretStoreError(.unavailable, "cannot lock the secrets file \(self.path)")
        }
        return try body()
    }
}

/// A secret's current version as the secrets file keeps it: text as it is, bytes in base64.
private struct StoredSecret: Codable {
    let versionID: String
    let createdMilliseconds: Int64
    let string: String?
    let binary: String?

    init(_ payload: SecretPayload, versionID: String, createdMilliseconds: Int64) {
        self.versionID = versionID
        self.createdMilliseconds = createdMilliseconds
        switch payload {
        case .string(let text):
            self.string = text
            self.binary = nil
        case .binary(let bytes):
            self.string = nil
            self.binary = Base64.encode(bytes)
        }
    }

    func value(named name: String) throws(SecretStoreError) -> SecretValue {
        let payload: SecretPayload
        if let string {
            payload = .string(string)
        } else if let binary, let bytes = Base64.decode(binary) {
            payload = .binary(bytes)
        } else {
            throw SecretStoreError(.unavailable, "The secrets file holds no valid value for \(name)")
        }
        return SecretValue(
            name: name, versionID: self.versionID, payload: payload, createdMilliseconds: self.createdMilliseconds)
    }
}
