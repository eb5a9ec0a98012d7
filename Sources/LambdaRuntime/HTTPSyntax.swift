/// Pieces of HTTP/1.1's syntax that both ends of the Runtime API read: the runtime's response reader here, and the
/// local emulator's request reader (`LocalCloud`).
///
/// The type is `public` only so that Swift inlines its `@inlinable package` members in the package's other modules
/// (it does not for the members of a `package` type); nothing of it is public API.
public enum HTTPSyntax {
    /// `bytes` without the spaces and tabs around it.
    package static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) })
        else { return bytes[bytes.startIndex..<bytes.startIndex] }
        return bytes[first...last]
    }

    /// A chunk's size from its size line: at most 15 hexadecimal digits, optionally followed by `;` and extensions,
    /// which are ignored; `nil` for anything else.
    package static func chunkSize(_ line: Slice<UnsafeRawBufferPointer>) -> Int? {
        let digits = Self.trimmed(line.prefix { $0 != UInt8(ascii: ";") })
        guard !digits.isEmpty, digits.count <= 15 else { return nil }
        var size = 0
        for digit in digits {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): size = size * 16 + Int(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): size = size * 16 + Int(digit - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): size = size * 16 + Int(digit - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
        return size
    }

    /// Whether `byte` may be part of a method or a field name: RFC 9110's `tchar`, letters, digits and
    /// ``!#$%&'*+-.^_`|~``. Read from two 64-bit masks of the ASCII bytes (bit `b` set for each `tchar` `b`), since it
    /// runs for every byte of every header name both ends read and write.
    @inlinable
    package static func isTokenByte(_ byte: UInt8) -> Bool {
        let belowSixtyFour: UInt64 = 0x03FF_6CFA_0000_0000
        let fromSixtyFour: UInt64 = 0x57FF_FFFF_C7FF_FFFE
        return switch byte {
        case 0..<64: belowSixtyFour & (1 << UInt64(byte)) != 0
        case 64..<128: fromSixtyFour & (1 << UInt64(byte - 64)) != 0
        default: false
        }
    }

    /// Whether `name` and `other` are the same field name, ASCII letters compared in either case.
    package static func sameFieldName(_ name: UnsafeRawBufferPointer, _ other: UnsafeRawBufferPointer) -> Bool {
        guard name.count == other.count else { return false }
        for index in 0..<name.count where Self.lowercased(name[index]) != Self.lowercased(other[index]) {
            return false
        }
        return true
    }

    /// Whether `name` and `other` are the same field name, ASCII letters compared in either case, with no copy made.
    package static func sameFieldName(_ name: String, _ other: String) -> Bool {
        name.utf8.count == other.utf8.count
            && zip(name.utf8, other.utf8).allSatisfy { Self.lowercased($0) == Self.lowercased($1) }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    /// Whether `text` holds no line break or NUL, so that it cannot end a header early and start another. (A scan of
    /// the contiguous bytes, eight at a time: an AWS session token's kilobyte is checked on every call.)
    package static func canStandInAHeader(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highBits: UInt64 = 0x8080_8080_8080_8080
            // Whether some byte of `word` is zero (the classic test: exact, since a byte's borrow needs a zero byte).
            func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highBits != 0 }
            var index = 0
            if let base = UnsafeRawPointer(bytes.baseAddress) {
                while index + 8 <= bytes.count {
                    let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if hasZeroByte(word) || hasZeroByte(word ^ (ones &* 0x0D)) || hasZeroByte(word ^ (ones &* 0x0A)) {
                        return false
                    }
                    index += 8
                }
            }
            return !bytes[index...].contains { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") || $0 == 0 }
        }
    }
}
