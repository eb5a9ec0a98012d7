/// The bytes a JSON string literal cannot hold as they are: control characters (below 0x20), `"` and `\`. The writer
/// escapes them and the parser stops at them; both look for them eight bytes at a time, since most strings have none.
///
/// A byte below 0x20 shows in `(word - 0x20…) & ~word & 0x80…`, and a byte equal to `c` as a zero byte of
/// `word ^ c…`, found by `(word - 0x01…) & ~word & 0x80…`. A borrow can flag a byte only above a byte rightly flagged,
/// so the lowest flagged byte of a word is the first special one.
@usableFromInline
enum JSONStringBytes {
    /// Whether `byte` cannot stand as it is in a string literal.
    @usableFromInline
    static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// The index of the first special byte of `bytes` at or after `start` (`bytes.count` when there is none), and
    /// whether every byte before it is ASCII. The word that holds the special byte tells where it is by its lowest
    /// flagged byte, so only the tail after the last whole word is read byte by byte.
    @usableFromInline
    static func plainRun(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, isASCII: Bool) {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        func zeroBytes(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & highBits }
        var index = start
        var highBitsSeen: UInt64 = 0
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while index + 8 <= bytes.count {
                // The first byte in the lowest bits, whatever the machine's byte order.
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let special =
                    (word &- ones &* 0x20) & ~word & highBits | zeroBytes(word ^ (ones &* 0x22))
                    | zeroBytes(word ^ (ones &* 0x5C))
                if special != 0 {
                    let offset = special.trailingZeroBitCount / 8
                    let before = offset == 0 ? 0 : word & (UInt64.max >> (64 - 8 * offset))
                    return (index + offset, (highBitsSeen | before) & highBits == 0)
                }
                highBitsSeen |= word
                index += 8
            }
        }
        while index < bytes.count, !Self.isSpecial(bytes[index]) {
            highBitsSeen |= UInt64(bytes[index])
            index += 1
        }
        return (index, highBitsSeen & highBits == 0)
    }
}
