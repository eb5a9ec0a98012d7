extension JSONValue {
    /// Parses JSON text (RFC 8259) without Foundation: a tree read in one pass over the bytes. `nil` when `bytes`
    /// is not one JSON value, or nests deeper than `maximumDepth`.
    public init?(parsing bytes: [UInt8], maximumDepth: Int = 128) {
        var parser = JSONParser(bytes: bytes, maximumDepth: maximumDepth)
        guard let value = parser.value(depth: 0) else { return nil }
        parser.skipWhitespace()
        guard parser.index == bytes.count else { return nil }
        self = value
    }
}

/// A recursive-descent reader of JSON text into ``JSONValue``; ``JSONReader`` drives it a value at a time.
struct JSONParser {
    let bytes: [UInt8]
    let maximumDepth: Int
    var index = 0
    /// The members of the objects being read, innermost last: an object's dictionary is made once its size is known.
    private var pendingMembers: [(key: String, value: JSONValue)] = []

    init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    mutating func skipWhitespace() {
        while self.index < self.bytes.count {
            switch self.bytes[self.index] {
            case 0x20, 0x09, 0x0A, 0x0D: self.index += 1
            default: return
            }
        }
    }

    mutating func value(depth: Int) -> JSONValue? {
        guard depth < self.maximumDepth else { return nil }
        self.skipWhitespace()
        guard self.index < self.bytes.count else { return nil }
        switch self.bytes[self.index] {
        case UInt8(ascii: "{"): return self.object(depth: depth)
        case UInt8(ascii: "["): return self.array(depth: depth)
        case UInt8(ascii: "\""): return self.string().map(JSONValue.string)
        case UInt8(ascii: "t"): return self.literal("true", .bool(true))
        case UInt8(ascii: "f"): return self.literal("false", .bool(false))
        case UInt8(ascii: "n"): return self.literal("null", .null)
        default: return self.number()
        }
    }

    mutating func literal(_ text: StaticString, _ value: JSONValue) -> JSONValue? {
        // Asked before every value a reader expects (is it `null`?): the first byte settles most answers.
        let count = text.utf8CodeUnitCount
        guard self.index + count <= self.bytes.count, self.bytes[self.index] == text.utf8Start.pointee else {
            return nil
        }
        for offset in 1..<count where self.bytes[self.index + offset] != text.utf8Start[offset] {
            return nil
        }
        self.index += count
        return value
    }

    private mutating func object(depth: Int) -> JSONValue? {
        self.index += 1
        if self.skip(UInt8(ascii: "}")) { return .object([:]) }
        // Room for the members of a few nested objects at once, made at the first object rather than grown from
        // nothing by doubling.
        if self.pendingMembers.capacity == 0 { self.pendingMembers.reserveCapacity(16) }
        let first = self.pendingMembers.count
        defer { self.pendingMembers.removeSubrange(first...) }
        while true {
            self.skipWhitespace()
            guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\""), let key = self.string(),
                self.skip(UInt8(ascii: ":")), let value = self.value(depth: depth + 1)
            else { return nil }
            self.pendingMembers.append((key, value))
            guard let closed = self.isClosed(by: UInt8(ascii: "}")) else { return nil }
            if closed { break }
        }
        var members = [String: JSONValue](minimumCapacity: self.pendingMembers.count - first)
        for (key, value) in self.pendingMembers[first...] { members[key] = value }
        return .object(members)
    }

    private mutating func array(depth: Int) -> JSONValue? {
        self.index += 1
        var elements: [JSONValue] = []
        if self.skip(UInt8(ascii: "]")) { return .array(elements) }
        while true {
            guard let element = self.value(depth: depth + 1) else { return nil }
            elements.append(element)
            guard let closed = self.isClosed(by: UInt8(ascii: "]")) else { return nil }
            if closed { return .array(elements) }
        }
    }

    /// Consumes `byte` when it comes next, after any whitespace.
    mutating func skip(_ byte: UInt8) -> Bool {
        self.skipWhitespace()
        guard self.index < self.bytes.count, self.bytes[self.index] == byte else { return false }
        self.index += 1
        return true
    }

    /// After a member or an element: `true` at the container's closing bracket, `false` at a comma, `nil` at
    /// anything else.
    mutating func isClosed(by closing: UInt8) -> Bool? {
        if self.skip(closing) { return true }
        return self.skip(UInt8(ascii: ",")) ? false : nil
    }

    /// A string literal at the current `"`, escapes resolved.
    mutating func string() -> String? {
        self.index += 1
        let start = self.index
        // Most strings have no escape, and most of those are ASCII: taken whole, and ASCII needs no validating. The
        // run is found and taken in one access to the bytes.
        var closed = false
        let (end, text) = self.bytes.withUnsafeBufferPointer { bytes -> (Int, String?) in
            let (end, isASCII) = JSONStringBytes.plainRun(in: bytes, from: start)
            guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return (end, nil) }
            closed = true
            let run = UnsafeBufferPointer(rebasing: bytes[start..<end])
            return (end, isASCII ? String(decoding: run, as: UTF8.self) : String(validating: run, as: UTF8.self))
        }
        self.index = end
        if closed {
            self.index += 1
            return text
        }
        guard self.index < self.bytes.count, self.bytes[self.index] >= 0x20 else { return nil }
        var scalars = Array(self.bytes[start..<self.index])
        while self.bytes[self.index] == UInt8(ascii: "\\") {
            self.index += 1
            guard self.index < self.bytes.count else { return nil }
            let escape = self.bytes[self.index]
            self.index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
            case UInt8(ascii: "b"): scalars.append(0x08)
            case UInt8(ascii: "f"): scalars.append(0x0C)
            case UInt8(ascii: "n"): scalars.append(0x0A)
            case UInt8(ascii: "r"): scalars.append(0x0D)
            case UInt8(ascii: "t"): scalars.append(0x09)
            case UInt8(ascii: "u"):
                guard var code = self.hex4() else { return nil }
                if (0xD800..<0xDC00).contains(code) {
                    guard self.literal("\\u", .null) != nil, let low = self.hex4(), (0xDC00..<0xE000).contains(low)
                    else { return nil }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { return nil }
                scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: return nil
            }
            while self.index < self.bytes.count, self.bytes[self.index] != UInt8(ascii: "\""),
                self.bytes[self.index] != UInt8(ascii: "\\")
            {
                guard self.bytes[self.index] >= 0x20 else { return nil }
                scalars.append(self.bytes[self.index])
                self.index += 1
            }
            guard self.index < self.bytes.count else { return nil }
        }
        self.index += 1
        return String(validating: scalars, as: UTF8.self)
    }

    private mutating func hex4() -> UInt32? {
        guard self.index + 4 <= self.bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in self.bytes[self.index..<(self.index + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        self.index += 4
        return value
    }

    /// A number: an integer when it is whole and fits 64 bits, else a finite double.
    private mutating func number() -> JSONValue? {
        let start = self.index
        guard start < self.bytes.count, self.bytes[start] == UInt8(ascii: "-") || self.bytes[start].isDigit else {
            return nil
        }
        var isInteger = true
        while self.index < self.bytes.count {
            let byte = self.bytes[self.index]
            if byte.isDigit || (byte == UInt8(ascii: "-") && self.index == start) {
                self.index += 1
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            {
                isInteger = false
                self.index += 1
            } else {
                break
            }
        }
        let text = String(decoding: self.bytes[start..<self.index], as: UTF8.self)
        if isInteger, let integer = Int64(text) { return .integer(integer) }
        guard let number = Double(text), number.isFinite else { return nil }
        // A whole number written with a fraction or exponent is an integer, as Foundation's decoder reads it.
        if let integer = Int64(exactly: number) { return .integer(integer) }
        return .number(number)
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
}
