extension JSONWriter {
    /// Whether any byte of `utf8` must be escaped in a JSON string: a control character, `"` or `\`.
    ///
    /// Every string a writer writes is scanned so, most of them needing nothing, so it looks at eight bytes at a time:
    /// a byte below 0x20 shows in `(word - 0x20…) & ~word & 0x80…`, and a byte equal to `c` as a zero byte of
    /// `word ^ c…`. Either test can flag a byte only next to a byte it rightly flags, so the answer for the whole word is
    /// exact.
    @usableFromInline
    static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highBits != 0 }
        var index = 0
        if let base = UnsafeRawPointer(utf8.baseAddress) {
            while index + 8 <= utf8.count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if (word &- ones &* 0x20) & ~word & highBits != 0 || hasZeroByte(word ^ (ones &* 0x22))
                    || hasZeroByte(word ^ (ones &* 0x5C))
                {
                    return true
                }
                index += 8
            }
        }
        while index < utf8.count {
            if Self.needsEscaping(utf8[index]) { return true }
            index += 1
        }
        return false
    }

    /// Whether `byte` must be escaped in a JSON string.
    @usableFromInline
    static func needsEscaping(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}
