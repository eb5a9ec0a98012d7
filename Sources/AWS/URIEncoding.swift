import Cloud

/// Percent-encoding as SigV4 defines it: every byte except RFC 3986's unreserved characters (`A–Z a–z 0–9 - . _ ~`)
/// becomes `%XX` with upper-case hexadecimal.
enum URIEncoding {
    /// `text` with every byte but the unreserved ones and those in `kept` escaped.
    static func encode(_ text: some StringProtocol, keeping kept: Set<UInt8> = []) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if Self.isUnreserved(byte) || kept.contains(byte) {
                output.append(byte)
            } else {
                output.append(contentsOf: [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `text` with its `%XX` escapes decoded; text whose escapes are malformed is taken as it stands.
    static func decode(_ text: some StringProtocol) -> String {
        PercentDecoding.decode(String(text)) ?? String(text)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }
}
