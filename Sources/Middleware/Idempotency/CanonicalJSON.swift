import JSONCoding

/// One spelling of a JSON text whatever its spacing and member order: no whitespace between tokens, each object's
/// members sorted by key, and every number and string kept as written, so two texts share it only when they hold the
/// same values digit for digit (`12345678901234567890` and `12345678901234567891` stay apart, as `1` and `1.0` do).
enum CanonicalJSON {
    /// The canonical spelling of `json`, valid JSON text; `nil` when an object repeats a key (which of its values a
    /// reader takes is up to the reader, so no spelling stands for it).
    static func bytes(of json: [UInt8]) -> [UInt8]? {
        var writer = Writer(json)
        var output: [UInt8] = []
        output.reserveCapacity(json.count)
        guard writer.value(into: &output) else { return nil }
        return output
    }

    /// Walks valid JSON text, writing each value canonically.
    private struct Writer {
        private let bytes: [UInt8]
        private var index = 0

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        /// Writes the value that comes next; `false` when an object in it repeats a key.
        mutating func value(into output: inout [UInt8]) -> Bool {
            self.skipWhitespace()
            switch self.bytes[self.index] {
            case UInt8(ascii: "{"): return self.object(into: &output)
            case UInt8(ascii: "["): return self.array(into: &output)
            case UInt8(ascii: "\""): output += self.stringToken()
            default: output += self.scalarToken()
            }
            return true
        }

        private mutating func object(into output: inout [UInt8]) -> Bool {
            self.index += 1
            var members: [(key: String, text: [UInt8])] = []
            while self.nextIsNotClosing(UInt8(ascii: "}")) {
                let keyToken = self.stringToken()
                self.skipWhitespace()
                self.index += 1  // the colon
                var text = keyToken + [UInt8(ascii: ":")]
                guard self.value(into: &text) else { return false }
                members.append((Self.decodedKey(keyToken), text))
            }
            members.sort { $0.key < $1.key }
            for (previous, next) in zip(members, members.dropFirst()) where previous.key == next.key {
                return false
            }
            output.append(UInt8(ascii: "{"))
            output += members.map(\.text).joined(separator: [UInt8(ascii: ",")])
            output.append(UInt8(ascii: "}"))
            return true
        }

        private mutating func array(into output: inout [UInt8]) -> Bool {
            self.index += 1
            output.append(UInt8(ascii: "["))
            var first = true
            while self.nextIsNotClosing(UInt8(ascii: "]")) {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                guard self.value(into: &output) else { return false }
            }
            output.append(UInt8(ascii: "]"))
            return true
        }

        /// Steps over a `,` between elements; `false`, past it, at the `closing` bracket.
        private mutating func nextIsNotClosing(_ closing: UInt8) -> Bool {
            self.skipWhitespace()
            if self.bytes[self.index] == UInt8(ascii: ",") {
                self.index += 1
                self.skipWhitespace()
            }
            guard self.bytes[self.index] != closing else {
                self.index += 1
                return false
            }
            return true
        }

        /// The string literal that comes next, quotes and escapes as written.
        private mutating func stringToken() -> [UInt8] {
            self.skipWhitespace()
            let start = self.index
            self.index += 1
            var escaping = false
            while escaping || self.bytes[self.index] != UInt8(ascii: "\"") {
                escaping = !escaping && self.bytes[self.index] == UInt8(ascii: "\\")
                self.index += 1
            }
            self.index += 1
            return Array(self.bytes[start..<self.index])
        }

        /// The number, `true`, `false` or `null` that comes next, as written.
        private mutating func scalarToken() -> [UInt8] {
            let start = self.index
            while self.index < self.bytes.count, !Self.endsScalar(self.bytes[self.index]) {
                self.index += 1
            }
            return Array(self.bytes[start..<self.index])
        }

        private mutating func skipWhitespace() {
            while self.index < self.bytes.count, Self.isWhitespace(self.bytes[self.index]) {
                self.index += 1
            }
        }

        /// A key as the string it stands for, so that `"a"` and `"\u0061"` are one key.
        private static func decodedKey(_ token: [UInt8]) -> String {
            guard token.contains(UInt8(ascii: "\\")) else {
                return String(decoding: token.dropFirst().dropLast(), as: UTF8.self)
            }
            return JSONValue(parsing: token)?.stringValue ?? String(decoding: token, as: UTF8.self)
        }

        private static func endsScalar(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
                || Self.isWhitespace(byte)
        }

        /// JSON's four whitespace bytes.
        private static func isWhitespace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                || byte == UInt8(ascii: "\t")
        }
    }
}
