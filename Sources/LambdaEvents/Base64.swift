/// Base64 with the standard alphabet and padding (RFC 4648 §4), as API Gateway and Lambda carry binary bodies.
public enum Base64 {
    /// The bytes `text` encodes, or `nil` when it is not padded base64 of the standard alphabet (no line breaks or
    /// spaces, a length that is a multiple of four, `=` only at the end).
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let utf8 = text.utf8
        guard utf8.count % 4 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 4 * 3)
        var group: UInt32 = 0
        var groupLength = 0
        var padding = 0
        for character in utf8 {
            let sextet: UInt32
            if character == UInt8(ascii: "=") {
                padding += 1
                sextet = 0
            } else {
                guard padding == 0, let value = Self.sextet(character) else { return nil }
                sextet = value
            }
            group = group << 6 | sextet
            groupLength += 1
            if groupLength == 4 {
                bytes.append(UInt8(truncatingIfNeeded: group >> 16))
                bytes.append(UInt8(truncatingIfNeeded: group >> 8))
                bytes.append(UInt8(truncatingIfNeeded: group))
                group = 0
                groupLength = 0
            }
        }
        guard padding <= 2 else { return nil }
        bytes.removeLast(padding)
        return bytes
    }

    /// The padded base64 text of `bytes`.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        var group: UInt32 = 0
        var groupLength = 0
        for byte in bytes {
            group = group << 8 | UInt32(byte)
            groupLength += 1
            if groupLength == 3 {
                Self.append(group, characters: 4, to: &text)
                group = 0
                groupLength = 0
            }
        }
        if groupLength > 0 {
            Self.append(group << (8 * UInt32(3 - groupLength)), characters: groupLength + 1, to: &text)
            text += repeatElement(UInt8(ascii: "="), count: 3 - groupLength)
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The first `characters` characters of the 24-bit `group`.
    private static func append(_ group: UInt32, characters: Int, to text: inout [UInt8]) {
        for position in 0..<characters {
            text.append(Self.alphabet[Int(group >> UInt32(18 - 6 * position)) & 0x3F])
        }
    }

    private static func sextet(_ character: UInt8) -> UInt32? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(character - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(character - UInt8(ascii: "a")) + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(character - UInt8(ascii: "0")) + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
