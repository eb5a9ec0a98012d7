import Foundation
import Synchronization

/// The time each schedule last fired, kept in a small JSON file of the data folder (`{"name": milliseconds}`), so
/// that a local cloud restarted within the same minute does not fire a run twice and a rate keeps its rhythm.
public final class ScheduleHistory: Sendable {
    /// The largest file read; a larger one is refused as not ours.
    public static let maximumFileBytes = 1_048_576

    /// The file.
    public let path: String
    private let times: Mutex<[String: Int64]>

    /// The history in the file at `path`, empty when there is no file yet; throws when the file cannot be read or
    /// is not such a history.
    public init(path: String) throws {
        self.path = path
        var times: [String: Int64] = [:]
        if let handle = FileHandle(forReadingAtPath: path) {
            defer { try? handle.close() }
            let data = try handle.read(upToCount: Self.maximumFileBytes + 1) ?? Data()
            guard data.count <= Self.maximumFileBytes else {
                throw CocoaError(.fileReadTooLarge, userInfo: [NSFilePathErrorKey: path])
            }
            times = try JSONDecoder().decode([String: Int64].self, from: data)
        }
        self.times = Mutex(times)
    }

    /// When the schedule named `name` last fired (its scheduled time, milliseconds since the Unix epoch), if ever.
    public func lastFired(_ name: String) -> Int64? {
        self.times.withLock { $0[name] }
    }

    /// Records that `name` fired its run scheduled at `milliseconds`, and rewrites the file (atomically, readable by
    /// its owner only).
    public func record(_ name: String, firedAt milliseconds: Int64) throws {
        try self.times.withLock { times in
            times[name] = milliseconds
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            try encoder.encode(times).write(to: URL(fileURLWithPath: self.path), options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: self.path)
        }
    }
}
