import JSONCoding

/// The little of JSON5 the conformance files use, turned into JSON: `//` and `/* */` comments are dropped, and so
/// is a comma right before a closing bracket.
enum JSON5Text {
    /// The JSON value of `text`, or `nil` when it is not JSON once comments and trailing commas are gone.
    static func parse(_ text: String) -> JSONValue? {
        JSONValue(parsing: self.json(from: Array(text.utf8)))
    }

    static func json(from bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : nil
            if inString {
                output.append(byte)
                if byte == UInt8(ascii: "\\"), let next {
                    output.append(next)
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "/"), next == UInt8(ascii: "/") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            } else if byte == UInt8(ascii: "/"), next == UInt8(ascii: "*") {
                index += 2
                while index + 1 < bytes.count,
                    !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/"))
                {
                    index += 1
                }
                index += 2
                continue
            } else {
                if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    Self.dropTrailingComma(from: &output)
                }
                inString = byte == UInt8(ascii: "\"")
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    private static func dropTrailingComma(from output: inout [UInt8]) {
        guard let last = output.lastIndex(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }),
            output[last] == UInt8(ascii: ",")
        else { return }
        output.remove(at: last)
    }
}
