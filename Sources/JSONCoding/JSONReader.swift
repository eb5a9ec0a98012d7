/// Reads JSON text front to back for a decoder that knows the shape it expects: an object's members one at a time,
/// strings, integers and booleans where it expects them, any other value as a ``JSONValue``, and no tree or
/// dictionary for the objects it walks through.
///
/// `null` reads as absent (`nil`), as `decodeIfPresent` reads it. Anything else that is not what the decoder asked
/// for (a value of another type, text that is not JSON, nesting deeper than the limit) marks the reader failed; every
/// later call does nothing, and ``finish()`` answers `false`. The decoder then parses the whole tree instead, whose
/// reading names what was wrong: the reader is a fast path, never the only one.
package struct JSONReader {
    private var parser: JSONParser
    /// How deep the next value lies: 0 for the text's own value, one more inside each object walked, as the tree's
    /// parse counts, so both refuse the same nesting.
    private var depth = 0
    /// Set at the first thing that was not what the decoder asked for.
    package private(set) var failed = false

    /// A reader at the start of `bytes`.
    package init(bytes: [UInt8], maximumDepth: Int = 128) {
        self.parser = JSONParser(bytes: bytes, maximumDepth: maximumDepth)
    }

    /// Walks the object that comes next, calling `member` with each key; `member` reads the key's value (a reader
    /// that reads nothing fails).
    /// - Returns: `false` for `null` and when the reader has failed.
    @discardableResult
    package mutating func members(_ member: (inout JSONReader, JSONMemberKey) -> Void) -> Bool {
        self.walkObject(key: { $0.memberKey() }, member)
    }

    /// Walks the object that comes next, reading each key with `readKey` (at its opening quote) and calling `member`
    /// with it.
    @discardableResult
    private mutating func walkObject<Key>(
        key readKey: (inout JSONReader) -> Key?, _ member: (inout JSONReader, Key) -> Void
    ) -> Bool {
        guard !self.failed, !self.consumesNull() else { return false }
        guard self.depth < self.parser.maximumDepth, self.parser.skip(UInt8(ascii: "{")) else { return self.fail() }
        if self.parser.skip(UInt8(ascii: "}")) { return true }
        self.depth += 1
        defer { self.depth -= 1 }
        while true {
            self.parser.skipWhitespace()
            guard let key = readKey(&self), self.parser.skip(UInt8(ascii: ":")) else { return self.fail() }
            let valueStart = self.parser.index
            member(&self, key)
            guard !self.failed else { return false }
            guard self.parser.index > valueStart, let closed = self.parser.isClosed(by: UInt8(ascii: "}")) else {
                return self.fail()
            }
            if closed { return true }
        }
    }

    /// The key at the current position (its opening quote, after any whitespace); `nil` when no string is there.
    private mutating func memberKey() -> JSONMemberKey? {
        guard self.parser.index < self.parser.bytes.count,
            self.parser.bytes[self.parser.index] == UInt8(ascii: "\"")
        else { return nil }
        let start = self.parser.index + 1
        let (end, isASCII) = self.parser.bytes.withUnsafeBufferPointer {
            JSONStringBytes.plainRun(in: $0, from: start)
        }
        if isASCII, end - start <= JSONMemberKey.maximumPackedByteCount, end < self.parser.bytes.count,
            self.parser.bytes[end] == UInt8(ascii: "\"")
        {
            self.parser.index = end + 1
            return self.parser.bytes.withUnsafeBytes {
                JSONMemberKey(packing: UnsafeRawBufferPointer(rebasing: $0[start..<end]))
            }
        }
        return self.parser.string().map(JSONMemberKey.init(decoded:))
    }

    /// The string that comes next; `nil` for `null`.
    package mutating func string() -> String? {
        guard !self.failed, !self.consumesNull() else { return nil }
        guard let text = self.nextString() else {
            self.fail()
            return nil
        }
        return text
    }

    /// The integer that comes next; `nil` for `null`.
    package mutating func int64() -> Int64? {
        self.scalar { value in
            guard case .integer(let number) = value else { return nil }
            return number
        }
    }

    /// The boolean that comes next; `nil` for `null`.
    package mutating func bool() -> Bool? {
        self.scalar { value in
            guard case .bool(let flag) = value else { return nil }
            return flag
        }
    }

    /// The value that comes next as `extract` takes it; `nil` for `null`, and the reader fails when `extract` takes
    /// nothing from it.
    private mutating func scalar<Scalar>(_ extract: (JSONValue) -> Scalar?) -> Scalar? {
        guard let value = self.value(), value != .null else { return nil }
        guard let scalar = extract(value) else {
            self.fail()
            return nil
        }
        return scalar
    }

    /// The object of strings that comes next, its members in a dictionary (a repeated key keeps its last value);
    /// `nil` for `null`.
    ///
    /// The dictionary starts with room for ``expectedStringMapMembers``, so that a request's headers fill it without
    /// growing it again and again (each growth rehashes every key already in).
    package mutating func stringMap() -> [String: String]? {
        guard !self.failed, !self.consumesNull() else { return nil }
        var strings = [String: String](minimumCapacity: Self.expectedStringMapMembers)
        // The keys are kept, so they are read as strings at once.
        self.walkObject(
            key: { $0.nextString() },
            { reader, key in
                guard let text = reader.string() else {
                    reader.fail()
                    return
                }
                strings[key] = text
            })
        return self.failed ? nil : strings
    }

    /// How many members a string map is made ready for: what a browser's or an SDK's request headers number.
    static let expectedStringMapMembers = 16

    /// The object of strings that comes next, kept as its text (``JSONTextStringMap``) when every key and value in
    /// it is ASCII without escapes, as nearly every request's headers are; otherwise read into a dictionary as
    /// ``stringMap()`` reads it. `nil` for `null`.
    package mutating func stringMapKeepingText() -> JSONStringMap? {
        guard !self.failed else { return nil }
        let start = self.parser.index
        if let members = self.plainStringMembers() {
            return .text(JSONTextStringMap(text: self.parser.bytes, members: members))
        }
        self.parser.index = start
        return self.stringMap().map(JSONStringMap.dictionary)
    }

    /// The places of the members of the object that comes next, when every key and value is a plain string;
    /// `nil` at anything else (`null` included), with the position left wherever it stopped.
    private mutating func plainStringMembers() -> [JSONTextStringMap.Member]? {
        guard self.depth < self.parser.maximumDepth, self.parser.bytes.count <= Int(Int32.max),
            self.parser.skip(UInt8(ascii: "{"))
        else { return nil }
        var members: [JSONTextStringMap.Member] = []
        members.reserveCapacity(Self.expectedStringMapMembers)
        if self.parser.skip(UInt8(ascii: "}")) { return members }
        while true {
            self.parser.skipWhitespace()
            guard let key = self.plainString(), self.parser.skip(UInt8(ascii: ":")) else { return nil }
            self.parser.skipWhitespace()
            guard let value = self.plainString() else { return nil }
            members.append(
                JSONTextStringMap.Member(
                    keyStart: key.lowerBound, keyEnd: key.upperBound, valueStart: value.lowerBound,
                    valueEnd: value.upperBound))
            guard let closed = self.parser.isClosed(by: UInt8(ascii: "}")) else { return nil }
            if closed { return members }
        }
    }

    /// Where the string literal at the current position lies between its quotes, when it is ASCII without escapes;
    /// the position is then past its closing quote.
    private mutating func plainString() -> Range<Int32>? {
        let bytes = self.parser.bytes
        guard self.parser.index < bytes.count, bytes[self.parser.index] == UInt8(ascii: "\"") else { return nil }
        let start = self.parser.index + 1
        let (end, isASCII) = bytes.withUnsafeBufferPointer { JSONStringBytes.plainRun(in: $0, from: start) }
        guard isASCII, end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
        self.parser.index = end + 1
        return Int32(start)..<Int32(end)
    }

    /// Any value that comes next, as a tree (`.null` for `null`); `nil` when the text is not a JSON value.
    package mutating func value() -> JSONValue? {
        guard !self.failed else { return nil }
        guard let value = self.parser.value(depth: self.depth) else {
            self.fail()
            return nil
        }
        return value
    }

    /// Marks the reader failed: what came was not what the decoder expected.
    /// - Returns: `false`, for a caller that answers whether it read something.
    @discardableResult
    package mutating func fail() -> Bool {
        self.failed = true
        return false
    }

    /// Whether everything was read as asked, up to the end of the text.
    package mutating func finish() -> Bool {
        guard !self.failed else { return false }
        self.parser.skipWhitespace()
        return self.parser.index == self.parser.bytes.count
    }

    /// Consumes a `null` when it comes next.
    private mutating func consumesNull() -> Bool {
        self.parser.skipWhitespace()
        return self.parser.literal("null", .null) != nil
    }

    /// The string literal that comes next, after any whitespace; `nil` when something else does.
    private mutating func nextString() -> String? {
        self.parser.skipWhitespace()
        guard self.parser.index < self.parser.bytes.count, self.parser.bytes[self.parser.index] == UInt8(ascii: "\"")
        else { return nil }
        return self.parser.string()
    }
}
