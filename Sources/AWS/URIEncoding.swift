import Cloud

/// Percent-encoding as SigV4 defines it: every byte except RFC 3986's unreserved characters (`A–Z a–z 0–9 - . _ ~`)
/// becomes `%XX` with upper-case hexadecimal.
enum URIEncoding {
    /// Reserved bytes that a use of the encoding leaves as they are.
    struct KeptBytes: OptionSet {
        let rawValue: UInt8

        /// `/`, kept in paths.
        static let slash = KeptBytes(rawValue: 1 << 0)
        /// `%`, kept in S3's paths, whose escapes are signed as they are sent.
        static let percent = KeptBytes(rawValue: 1 << 1)
    }

    /// `text` with every byte but the unreserved ones and those in `kept` escaped.
    static func encode(_ text: some StringProtocol, keeping kept: KeptBytes = []) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        Self.append(text, keeping: kept, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `text` to `output`, every byte but the unreserved ones and those in `kept` escaped.
    static func append(_ text: some StringProtocol, keeping kept: KeptBytes = [], to output: inout [UInt8]) {
        let hexDigits: StaticString = "0123456789ABCDEF"
        for byte in text.utf8 {
            if Self.isUnreserved(byte) || (byte == UInt8(ascii: "/") && kept.contains(.slash))
                || (byte == UInt8(ascii: "%") && kept.contains(.percent))
            {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits.utf8Start[Int(byte >> 4)])
                output.append(hexDigits.utf8Start[Int(byte & 0x0F)])
            }
        }
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
