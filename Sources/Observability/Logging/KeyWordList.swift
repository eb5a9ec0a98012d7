/// Normalized words (see ``SensitiveKeys``) in one buffer of bytes, searched without an array per word, as the
/// whole of a key (``isWhole(_:)``) or anywhere inside it (``occurs(in:)``). Keys are checked on every logged
/// member and every captured response's member, so a search reads each byte of the key once and tries only the
/// words that start with it.
struct KeyWordList: Sendable {
    /// The words one after another.
    private let bytes: [UInt8]
    /// Where each word ends in ``bytes``; a word starts where the one before it ends.
    private let ends: [Int]
    /// For each byte value, the words starting with it, one bit per word (the first 64 words; any further words
    /// are tried at every position).
    private let startingWith: [UInt64]

    /// The list of `words`, leaving out empty ones.
    init(_ words: [[UInt8]]) {
        let words = words.filter { !$0.isEmpty }
        self.bytes = words.flatMap { $0 }
        self.ends = words.reduce(into: []) { ends, word in ends.append((ends.last ?? 0) + word.count) }
        var startingWith = [UInt64](repeating: 0, count: 256)
        for (index, word) in words.prefix(64).enumerated() { startingWith[Int(word[0])] |= 1 << UInt64(index) }
        self.startingWith = startingWith
    }

    /// Whether `key` is one of the words.
    func isWhole(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        self.bytes.withUnsafeBufferPointer { bytes in
            self.ends.indices.contains { word in
                let range = self.range(of: word)
                return range.count == key.count && Self.matches(range, of: bytes, in: key, at: 0)
            }
        }
    }

    /// Whether one of the words occurs in `key`.
    func occurs(in key: UnsafeBufferPointer<UInt8>) -> Bool {
        self.bytes.withUnsafeBufferPointer { bytes in
            for position in key.indices {
                var candidates = self.startingWith[Int(key[position])]
                while candidates != 0 {
                    let word = candidates.trailingZeroBitCount
                    candidates &= candidates - 1
                    if Self.matches(self.range(of: word), of: bytes, in: key, at: position) { return true }
                }
                for word in self.ends.indices.dropFirst(64)
                where Self.matches(self.range(of: word), of: bytes, in: key, at: position) {
                    return true
                }
            }
            return false
        }
    }

    private func range(of word: Int) -> Range<Int> {
        (word == 0 ? 0 : self.ends[word - 1])..<self.ends[word]
    }

    /// Whether the word at `range` of `bytes` stands in `key` from `position` on.
    private static func matches(
        _ range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>, in key: UnsafeBufferPointer<UInt8>, at position: Int
    ) -> Bool {
        guard range.count <= key.count - position else { return false }
        var offset = 0
        while offset < range.count, bytes[range.lowerBound + offset] == key[position + offset] { offset += 1 }
        return offset == range.count
    }
}
