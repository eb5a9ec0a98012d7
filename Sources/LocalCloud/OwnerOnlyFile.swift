public import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A file readable and writable by its owner only (mode 0600), replaced whole: the new contents are written beside
/// it, flushed and renamed over it, so a reader or a crash sees either the old file or the new one.
public struct OwnerOnlyFile: Sendable {
    /// Why the file could not be replaced.
    public struct WriteError: Error, CustomStringConvertible {
        /// What failed, naming the file.
        public let description: String
    }

    /// The file's path.
    public let path: String

    /// The file at `path`.
    public init(path: String) {
        self.path = path
    }

    /// Replaces the file's contents with `data`.
    public func replace(with data: Data) throws(WriteError) {
        let temporary = self.path + ".new"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw WriteError(description: "cannot create \(temporary)") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
        } catch {
            throw WriteError(description: "cannot write \(temporary): \(error.localizedDescription)")
        }
        guard rename(temporary, self.path) == 0 else { throw WriteError(description: "cannot replace \(self.path)") }
    }
}
