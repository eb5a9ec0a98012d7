/// One spelling of a JSON text whatever its spacing and member order: no whitespace between tokens, each object's
/// members sorted by key, and every number and string kept as written, so two texts share it only when they hold the
/// same values digit for digit (`12345678901234567890` and `12345678901234567891` stay apart, as `1` and `1.0` do).
package enum CanonicalJSON {
    /// The canonical spelling of `json`; `nil` when it is not one JSON value, nests deeper than `maximumDepth`, or
    /// has an object that repeats a key (which of its values a reader takes is up to the reader, so no spelling
    /// stands for it).
    package static func bytes(of json: [UInt8], maximumDepth: Int = 128) -> [UInt8]? {
        var parser = JSONParser(bytes: json, maximumDepth: maximumDepth)
        var output: [UInt8] = []
        output.reserveCapacity(json.count)
        guard parser.canonicalValue(depth: 0, into: &output) else { return nil }
        parser.skipWhitespace()
        return parser.index == json.count ? output : nil
    }
}

extension JSONParser {
    /// Reads the value that comes next and writes it canonically; `false` when it is not JSON, nests too deep, or an
    /// object in it repeats a key. Scalars are checked by ``value(depth:)`` and written as they were read.
    fileprivate mutating func canonicalValue(depth: Int, into output: inout [UInt8]) -> Bool {
        guard depth < self.maximumDepth else { return false }
        self.skipWhitespace()
        guard self.index < self.bytes.count else { return false }
        switch self.bytes[self.index] {
        case UInt8(ascii: "{"): return self.canonicalObject(depth: depth, into: &output)
        case UInt8(ascii: "["): return self.canonicalArray(depth: depth, into: &output)
        default:
            let start = self.index
            guard self.value(depth: depth) != nil else { return false }
            output += self.bytes[start..<self.index]
            return true
        }
    }

    private mutating func canonicalObject(depth: Int, into output: inout [UInt8]) -> Bool {
        self.index += 1
        var members: [(key: String, text: [UInt8])] = []
        var closed = self.skip(UInt8(ascii: "}"))
        while !closed {
            self.skipWhitespace()
            let start = self.index
            guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\""), let key = self.string()
            else { return false }
            var text = Array(self.bytes[start..<self.index])
            guard self.skip(UInt8(ascii: ":")) else { return false }
            text.append(UInt8(ascii: ":"))
            guard self.canonicalValue(depth: depth + 1, into: &text),
                let isClosed = self.isClosed(by: UInt8(ascii: "}"))
            else { return false }
            members.append((key, text))
            closed = isClosed
        }
        members.sort { $0.key < $1.key }
        guard !zip(members, members.dropFirst()).contains(where: { $0.key == $1.key }) else { return false }
        output.append(UInt8(ascii: "{"))
        output += members.map(\.text).joined(separator: [UInt8(ascii: ",")])
        output.append(UInt8(ascii: "}"))
        return true
    }

    private mutating func canonicalArray(depth: Int, into output: inout [UInt8]) -> Bool {
        self.index += 1
        output.append(UInt8(ascii: "["))
        var closed = self.skip(UInt8(ascii: "]"))
        while !closed {
            guard self.canonicalValue(depth: depth + 1, into: &output),
                let isClosed = self.isClosed(by: UInt8(ascii: "]"))
            else { return false }
            if !isClosed { output.append(UInt8(ascii: ",")) }
            closed = isClosed
        }
        output.append(UInt8(ascii: "]"))
        return true
    }
}
