import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension LocalDataDirectory {
    /// The mode of the data folder and its folders: its owner's alone.
    static let folderMode: Int16 = 0o700
    /// The mode of every file the local cloud keeps in it.
    static let fileMode: Int16 = 0o600

    /// The folders the local cloud makes in the data folder, relative to it.
    static let ownFolders = ["identity"]
    /// The files the local cloud writes in the data folder, relative to it: the databases with their WAL and SHM
    /// files, the signing key, the notification log and the admin token.
    static let ownFiles: [String] =
        ["store.sqlite", "telemetry.sqlite", "identity/directory.sqlite"]
        .flatMap { [$0, $0 + "-wal", $0 + "-shm"] }
        + ["identity/signing-key.pem", "notifications.log", "admin-token"]

    /// Makes the data folder its owner's alone: creates it if needed, brings it, its ``ownFolders`` and its
    /// ``ownFiles`` to ``folderMode`` and ``fileMode`` (a folder made by an older version, or copied, may be looser),
    /// and makes this process create files and folders without group or other access from now on (`umask 077`),
    /// which the SQLite files opened afterwards (and their `-wal` and `-shm` files, which take their database's mode)
    /// follow. Nothing else in the folder is touched (`--data-dir .` must not change a project's files), and a
    /// symbolic link is neither changed nor followed.
    func restrictToOwner() throws {
        umask(0o077)
        try self.createFolder(self.path)
        do {
            try Self.restrict(self.path, to: Self.folderMode, ifA: .typeDirectory)
            for folder in Self.ownFolders {
                try Self.restrict(self.file(folder), to: Self.folderMode, ifA: .typeDirectory)
            }
            for file in Self.ownFiles {
                try Self.restrict(self.file(file), to: Self.fileMode, ifA: .typeRegular)
            }
        } catch {
            throw CommandLineError("Cannot make \(self.path) readable by its owner only: \(error.localizedDescription)")
        }
    }

    /// Sets `mode` on `path` when it is an entry of `type` (not followed through a link); a missing entry, a link or
    /// an entry of another type is left alone.
    private static func restrict(_ path: String, to mode: Int16, ifA type: FileAttributeType) throws {
        let manager = FileManager.default
        guard let attributes = try? manager.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType == type
        else { return }
        try manager.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }
}
