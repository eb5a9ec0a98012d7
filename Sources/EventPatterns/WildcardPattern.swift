/// A `wildcard` operand: literal text in which `*` stands for any run of characters (`\*` is a literal star and `\\`
/// a literal backslash).
struct WildcardPattern: Sendable {
    /// More `*` than this makes a pattern too costly to match; EventBridge rejects such patterns.
    static let maximumWildcards = 5

    /// The literal pieces between the stars, as UTF-8; one piece more than there are stars.
    private let pieces: [[UInt8]]

    /// Reads `text`, or explains why EventBridge would reject it.
    init(_ text: String) throws(EventPatternError) {
        var pieces: [[UInt8]] = [[]]
        var escaping = false
        var previousWasStar = false
        for (position, byte) in text.utf8.enumerated() {
            if escaping {
                guard byte == UInt8(ascii: "*") || byte == UInt8(ascii: "\\") else {
                    throw EventPatternError(.invalidWildcard, "Invalid escape character at pos \(position)")
                }
                pieces[pieces.count - 1].append(byte)
                escaping = false
                previousWasStar = false
            } else if byte == UInt8(ascii: "\\") {
                escaping = true
            } else if byte == UInt8(ascii: "*") {
                guard !previousWasStar else {
                    throw EventPatternError(.invalidWildcard, "Consecutive wildcard characters at pos \(position)")
                }
                pieces.append([])
                previousWasStar = true
            } else {
                pieces[pieces.count - 1].append(byte)
                previousWasStar = false
            }
        }
        if escaping {
            throw EventPatternError(.invalidWildcard, "Invalid escape character at pos \(text.utf8.count)")
        }
        guard pieces.count - 1 <= Self.maximumWildcards else {
            throw EventPatternError(
                .invalidWildcard,
                "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences "
                    + "after a wildcard character")
        }
        self.pieces = pieces
    }

    /// Whether `text` is the pattern with each `*` replaced by some run of characters.
    func matches(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = self.pieces.first, let last = self.pieces.last else { return false }
        guard self.pieces.count > 1 else { return bytes == first }
        guard bytes.count >= first.count + last.count, bytes.starts(with: first),
            bytes[(bytes.count - last.count)...].elementsEqual(last)
        else { return false }
        // The middle pieces, leftmost first: taking each at its earliest place leaves the most room for the rest.
        var start = first.count
        let end = bytes.count - last.count
        for piece in self.pieces.dropFirst().dropLast() {
            guard let found = Self.firstIndex(of: piece, in: bytes, from: start, before: end) else { return false }
            start = found + piece.count
        }
        return true
    }

    private static func firstIndex(of piece: [UInt8], in bytes: [UInt8], from start: Int, before end: Int) -> Int? {
        guard !piece.isEmpty else { return start }
        var candidate = start
        while candidate + piece.count <= end {
            if bytes[candidate..<(candidate + piece.count)].elementsEqual(piece) { return candidate }
            candidate += 1
        }
        return nil
    }
}
