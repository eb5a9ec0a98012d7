#if canImport(Glibc)
import Glibc
#endif

/// A file that text is only ever appended to, each piece with one `write`, so a process killed while writing leaves
/// whole pieces before the one it was writing, and what was written is in the file even though the process dies.
struct AppendOnlyFile: Sendable {
    /// Why the file cannot be opened or written.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let descriptor: Int32

    /// Opens the file at `path`, creating it if needed.
    init(path: String) throws {
        self.descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard self.descriptor >= 0 else { throw Failure(description: "cannot open \(path): errno \(errno)") }
    }

    /// Appends `text` in one `write`.
    func append(_ text: String) throws {
        var text = text
        let written = text.withUTF8 { bytes in write(self.descriptor, bytes.baseAddress, bytes.count) }
        guard written == text.utf8.count else { throw Failure(description: "the file took \(written) bytes") }
    }
}
