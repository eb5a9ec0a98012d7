import Foundation

/// Reads the small text files the credential sources name (tokens, profile files), refusing any larger than a bound.
enum SmallTextFile {
    /// The UTF-8 text of the file at `path`, or `nil` when it is missing, unreadable, not UTF-8 or over `limit` bytes.
    static func read(_ path: String, limit: Int) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let data: Data
        do {
            // Nothing at all (an empty file) reads as nil.
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            return nil
        }
        guard data.count <= limit else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
