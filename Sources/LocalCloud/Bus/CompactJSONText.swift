/// JSON text without the whitespace between its tokens, every token kept as written: numbers keep all their digits
/// (`12345678901234567890`, `1E+2`), which reading them into a ``JSONValue`` would round to a `Double`.
enum CompactJSONText {
    /// `json` (valid JSON text) without whitespace outside its strings.
    static func of(_ json: String) -> String {
        var compact: [UInt8] = []
        compact.reserveCapacity(json.utf8.count)
        var inString = false
        var escaping = false
        for byte in json.utf8 {
            if inString {
                compact.append(byte)
                if escaping {
                    escaping = false
                } else if byte == UInt8(ascii: "\\") {
                    escaping = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if !Self.isWhitespace(byte) {
                compact.append(byte)
                inString = byte == UInt8(ascii: "\"")
            }
        }
        return String(decoding: compact, as: UTF8.self)
    }

    /// JSON's four whitespace bytes.
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\t")
    }
}
