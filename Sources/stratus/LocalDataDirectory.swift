import Foundation
import LocalCloud

/// The folder where the local cloud keeps its state (`--data-dir`, `.stratus` by default).
struct LocalDataDirectory {
    let path: String

    /// The store's file in the folder (relative when the folder is).
    var storePath: String {
        self.path.hasSuffix("/") ? self.path + "store.sqlite" : self.path + "/store.sqlite"
    }

    /// The local token issuer, whose signing key lives in `identity/` (created on first use).
    func tokenIssuer() throws -> LocalTokenIssuer {
        let directory = self.path.hasSuffix("/") ? self.path + "identity" : self.path + "/identity"
        do {
            return try LocalTokenIssuer(directory: directory)
        } catch {
            throw CommandLineError("Cannot load or create the signing key in \(directory): \(error)")
        }
    }

    /// Creates the folder if needed and opens the store in it.
    func openStore() throws -> SQLiteItemStore {
        do {
            try FileManager.default.createDirectory(atPath: self.path, withIntermediateDirectories: true)
        } catch {
            throw CommandLineError("Cannot create the data directory \(self.path): \(error.localizedDescription)")
        }
        do {
            return try SQLiteItemStore(path: self.storePath)
        } catch {
            throw CommandLineError("Cannot open the store: \(error)")
        }
    }
}
