#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system facts the credential sources need (token files, profile files, the home directory), on the C
/// library alone so that the AWS module links no Foundation.
enum POSIXFile {
    /// Whether something exists at `path`.
    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// The UTF-8 text of the file at `path`, or `nil` when it is missing, unreadable, not UTF-8 or over `limit` bytes.
    static func readText(_ path: String, limit: Int) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard let bytes = Self.readAll(descriptor, limit: limit), bytes.count <= limit else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Reads `descriptor` to its end, stopping after `limit + 1` bytes so that a caller can tell an oversized input;
    /// `nil` when a read fails.
    static func readAll(_ descriptor: Int32, limit: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            bytes.append(contentsOf: chunk[..<count])
        }
        return bytes
    }

    /// The user's home directory from the password database (for when `HOME` is unset), else `/`.
    static func homeDirectory() -> String {
        guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return "/" }
        return String(cString: directory)
    }
}
