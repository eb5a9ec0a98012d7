public import Foundation

/// A folder under the system's temporary directory, removed when the value is released.
public final class TemporaryDirectory: Sendable {
    /// Where the folder is.
    public let url: URL

    /// Creates a new, empty folder.
    public init() throws {
        self.url = FileManager.default.temporaryDirectory.appendingPathComponent("stratus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.url, withIntermediateDirectories: true)
    }

    /// The path of `name` in the folder.
    public func path(_ name: String) -> String {
        self.url.appendingPathComponent(name).path
    }

    deinit {
        try? FileManager.default.removeItem(at: self.url)
    }
}
