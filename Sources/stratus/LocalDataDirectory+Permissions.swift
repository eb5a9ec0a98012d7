import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension LocalDataDirectory {
    /// The mode of every folder in the data folder, itself included: its owner's alone.
    static let folderMode: Int16 = 0o700
    /// The mode of every file in it (databases and their WAL and SHM files, keys, logs, the admin token).
    static let fileMode: Int16 = 0o600

    /// Makes the data folder its owner's alone: creates it if needed, brings what it already holds to
    /// ``folderMode`` and ``fileMode`` (a folder made by an older version, or copied, may be looser), and makes this
    /// process create files and folders without group or other access from now on (`umask 077`), which the SQLite
    /// files opened afterwards (and their `-wal` and `-shm` files, which take their database's mode) follow.
    /// Symbolic links are left alone, and not followed.
    func restrictToOwner() throws {
        umask(0o077)
        try self.createFolder(self.path)
        let manager = FileManager.default
        do {
            try manager.setAttributes([.posixPermissions: Self.folderMode], ofItemAtPath: self.path)
            guard let contents = manager.enumerator(atPath: self.path) else { return }
            for case let name as String in contents {
                let item = self.path + "/" + name
                let mode: Int16
                switch try manager.attributesOfItem(atPath: item)[.type] as? FileAttributeType {
                case .typeDirectory: mode = Self.folderMode
                case .typeRegular: mode = Self.fileMode
                default: continue
                }
                try manager.setAttributes([.posixPermissions: mode], ofItemAtPath: item)
            }
        } catch {
            throw CommandLineError("Cannot make \(self.path) readable by its owner only: \(error.localizedDescription)")
        }
    }
}
