/// Header names as SigV4 compares and writes them: without case, lower-case. Names are HTTP tokens, ASCII only, so
/// ASCII's case mapping is the whole of it, and no lower-cased copy is made to compare.
enum SigV4HeaderName {
    /// Whether `name` and `other` are the same name, letter case aside.
    static func equal(_ name: String, _ other: String) -> Bool {
        name.utf8.count == other.utf8.count
            && zip(name.utf8, other.utf8).allSatisfy { Self.lowerCased($0) == Self.lowerCased($1) }
    }

    /// Whether `name` is `lowerCasedName`, letter case aside.
    static func equal(_ name: String, lowerCased lowerCasedName: String) -> Bool {
        name.utf8.count == lowerCasedName.utf8.count
            && zip(name.utf8, lowerCasedName.utf8).allSatisfy { Self.lowerCased($0) == $1 }
    }

    /// Whether `name` sorts before `other` once both are lower-cased (byte by byte, as SigV4 sorts them).
    static func precedes(_ name: String, _ other: String) -> Bool {
        name.utf8.lazy.map(Self.lowerCased).lexicographicallyPrecedes(other.utf8.lazy.map(Self.lowerCased))
    }

    /// Appends `name` lower-cased to `output`.
    static func appendLowerCased(_ name: String, to output: inout [UInt8]) {
        for byte in name.utf8 {
            output.append(Self.lowerCased(byte))
        }
    }

    private static func lowerCased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}
