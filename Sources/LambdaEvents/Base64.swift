/// Base64 (RFC 4648): the standard alphabet with padding, as API Gateway, Lambda and AWS's JSON protocols carry
/// binary, and the URL alphabet without padding, as JWTs and opaque tokens carry it.
public enum Base64 {
    /// One of RFC 4648's two forms.
    public enum Form: Sendable {
        /// §4: `+` and `/`, padded with `=` to a multiple of four characters.
        case standard
        /// §5: `-` and `_`, without padding.
        case url
    }

    /// The bytes `text` encodes, or `nil` when it is not base64 of `form` (no line breaks or spaces; for
    /// ``Form/standard``, a length that is a multiple of four and `=` only at the end; for ``Form/url``, no `=`).
    public static func decode(_ text: some StringProtocol, _ form: Form = .standard) -> [UInt8]? {
        let utf8 = text.utf8
        switch form {
        case .standard: guard utf8.count % 4 == 0 else { return nil }
        case .url: guard utf8.count % 4 != 1 else { return nil }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 4 * 3 + 2)
        var group: UInt32 = 0
        var sextets = 0
        var padding = 0
        for character in utf8 {
            if character == UInt8(ascii: "="), form == .standard {
                padding += 1
                continue
            }
            guard padding == 0, let sextet = Self.sextet(character, form) else { return nil }
            group = group << 6 | sextet
            sextets += 1
            if sextets == 4 {
                bytes += [UInt8(truncatingIfNeeded: group >> 16), UInt8(truncatingIfNeeded: group >> 8)]
                bytes.append(UInt8(truncatingIfNeeded: group))
                group = 0
                sextets = 0
            }
        }
        // A last group of two or three characters holds one or two bytes; `=` may stand only for its missing ones.
        guard padding == 0 || (padding <= 2 && padding == 4 - sextets), sextets != 1 else { return nil }
        if sextets > 1 {
            group <<= UInt32(6 * (4 - sextets))
            bytes.append(UInt8(truncatingIfNeeded: group >> 16))
            if sextets == 3 { bytes.append(UInt8(truncatingIfNeeded: group >> 8)) }
        }
        return bytes
    }

    /// The base64 text of `bytes` in `form`.
    public static func encode(_ bytes: some Sequence<UInt8>, _ form: Form = .standard) -> String {
        let alphabet = form == .standard ? Self.standardAlphabet : Self.urlAlphabet
        var text: [UInt8] = []
        var group: UInt32 = 0
        var groupLength = 0
        for byte in bytes {
            group = group << 8 | UInt32(byte)
            groupLength += 1
            if groupLength == 3 {
                Self.append(group, characters: 4, from: alphabet, to: &text)
                group = 0
                groupLength = 0
            }
        }
        if groupLength > 0 {
            Self.append(group << (8 * UInt32(3 - groupLength)), characters: groupLength + 1, from: alphabet, to: &text)
            if form == .standard { text += repeatElement(UInt8(ascii: "="), count: 3 - groupLength) }
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let standardAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let urlAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The first `characters` characters of the 24-bit `group`.
    private static func append(_ group: UInt32, characters: Int, from alphabet: [UInt8], to text: inout [UInt8]) {
        for position in 0..<characters {
            text.append(alphabet[Int(group >> UInt32(18 - 6 * position)) & 0x3F])
        }
    }

    private static func sextet(_ character: UInt8, _ form: Form) -> UInt32? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(character - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(character - UInt8(ascii: "a")) + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(character - UInt8(ascii: "0")) + 52
        case UInt8(ascii: "+") where form == .standard, UInt8(ascii: "-") where form == .url: 62
        case UInt8(ascii: "/") where form == .standard, UInt8(ascii: "_") where form == .url: 63
        default: nil
        }
    }
}
