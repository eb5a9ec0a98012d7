/// Rule-index entries filed under the `prefix` texts of one path, found from an event string in one pass over its
/// bytes: the bytes are hashed as they are read, and at each length some prefix has, the hash so far is looked up.
///
/// Two prefixes may share a hash; that only adds an entry to check in full, never loses one.
struct PrefixTable: Sendable {
    private var entries: [UInt64: [Int]] = [:]
    /// `hasLength[n]` says whether some filed prefix is `n` bytes long.
    private var hasLength: [Bool] = []

    /// Whether nothing is filed.
    var isEmpty: Bool { self.entries.isEmpty }

    /// Files `entry` under `prefix`.
    mutating func insert(_ prefix: String, entry: Int) {
        var hash = Self.seed
        for byte in prefix.utf8 { Self.mix(byte, into: &hash) }
        self.entries[hash, default: []].append(entry)
        let length = prefix.utf8.count
        if self.hasLength.count <= length {
            self.hasLength += Array(repeating: false, count: length + 1 - self.hasLength.count)
        }
        self.hasLength[length] = true
    }

    /// Calls `body` with the entries filed under each prefix of `text` (and perhaps a few more).
    func forEachCandidate(of text: String, _ body: ([Int]) -> Void) {
        var hash = Self.seed
        var length = 0
        if self.hasLength.first == true, let found = self.entries[hash] { body(found) }
        for byte in text.utf8 {
            length += 1
            guard length < self.hasLength.count else { return }
            Self.mix(byte, into: &hash)
            if self.hasLength[length], let found = self.entries[hash] { body(found) }
        }
    }

    // FNV-1a, 64 bits.
    private static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    private static func mix(_ byte: UInt8, into hash: inout UInt64) {
        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
}
