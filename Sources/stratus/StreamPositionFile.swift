import AWS
import Foundation
import LocalCloud
import Logging

/// Where `stratus serve --backend aws` keeps how far a function's table stream trigger has read the table's stream
/// (``DynamoDBStreamReader/Position``), `<data-dir>/<function>.stream-position.json` (mode 0600), so that a restart
/// reads on from there, as Lambda's event source mapping does, instead of handing the function every record the
/// stream still holds again.
struct StreamPositionFile: Sendable {
    /// The largest file read: far more than the shards of one stream take.
    static let maximumSize = 1 << 20

    let file: OwnerOnlyFile
    private let logger = Logger(label: "stratus.stream-position")

    /// The position file of `function`'s trigger in `folder`.
    init(function: String, in folder: LocalDataDirectory) {
        self.file = OwnerOnlyFile(path: folder.file("\(function).stream-position.json"))
    }

    /// The position saved, `nil` when there is none or it cannot be read (the stream is then read from its oldest
    /// records, which the function handles again).
    func load() -> DynamoDBStreamReader.Position? {
        guard let handle = FileHandle(forReadingAtPath: self.file.path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: Self.maximumSize), data.count < Self.maximumSize,
            let position = try? JSONDecoder().decode(DynamoDBStreamReader.Position.self, from: data)
        else {
            self.logger.warning("\(self.file.path) cannot be read; the table's stream is read from its oldest records")
            return nil
        }
        return position
    }

    /// Saves `position`, replacing the one saved before; a failure is logged, and a restart reads again what was
    /// read since the last position saved.
    func save(_ position: DynamoDBStreamReader.Position?) {
        guard let position else { return }
        do {
            try self.file.replace(with: try JSONEncoder().encode(position))
        } catch {
            self.logger.warning("Cannot save the stream position in \(self.file.path): \(error)")
        }
    }
}
