/// Header names as SigV4 compares and writes them: without case, lower-case. Names are HTTP tokens, ASCII only, so
/// ASCII's case mapping is the whole of it.
enum SigV4HeaderName {
    /// Whether `name` is `lowerCasedName`, letter case aside.
    static func equal(_ name: String, lowerCased lowerCasedName: String) -> Bool {
        name.utf8.count == lowerCasedName.utf8.count
            && zip(name.utf8, lowerCasedName.utf8).allSatisfy { Self.lowerCased($0) == $1 }
    }

    /// `byte` lower-cased if it is an ASCII capital letter.
    static func lowerCased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}
