/// Writes compact JSON text into a byte buffer. It is the one place Stratus turns values into JSON text: log lines,
/// EMF documents, segment documents and encoded answers all format numbers, escape strings and order members the
/// same way.
///
/// - Separators: the writer puts the commas and colons itself, with no whitespace: a caller writes ``key(_:)`` and
///   then one value for each member, and one value for each element.
/// - Numbers: integers as their decimal digits; a `Double` in the shortest form that reads back as the same value,
///   exactly as Foundation's `JSONEncoder` prints it (`1`, `-0`, `0.1`, `1e-07`, `1.5e+300`). JSON has no NaN or
///   infinity: a non-finite number is written as `null` (an encoder that must refuse one, as `JSONEncoder` does,
///   checks before writing it).
/// - Strings: `"` and `\` escaped, control characters as `\n`, `\r`, `\t`, `\b`, `\f` or `\u00XX`, everything else
///   (`/`, DEL, every other scalar) as its UTF-8 bytes.
/// - Member order: members are written in the order the caller writes them; the members of a ``JSONValue`` object
///   and of a dictionary are written sorted by key, so the same value always gives the same bytes.
///
/// The type is `public` only so that Swift inlines its `@inlinable package` members in the package's other modules
/// (it does not for the members of a `package` type); nothing of it is public API.
public struct JSONWriter {
    /// The JSON text written so far.
    @usableFromInline package internal(set) var bytes: [UInt8] = []
    /// Whether the next value or key follows another in the same container.
    @usableFromInline var needsComma = false

    @inlinable
    package init(capacity: Int = 512) {
        self.bytes.reserveCapacity(capacity)
    }

    /// `text` as a JSON string literal (quotes included).
    package static func quoted(_ text: String) -> String {
        var writer = JSONWriter(capacity: text.utf8.count + 2)
        writer.string(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    // MARK: Containers

    @inlinable package mutating func beginObject() { self.open(UInt8(ascii: "{")) }
    @inlinable package mutating func endObject() { self.close(UInt8(ascii: "}")) }
    @inlinable package mutating func beginArray() { self.open(UInt8(ascii: "[")) }
    @inlinable package mutating func endArray() { self.close(UInt8(ascii: "]")) }

    /// Starts a member of the object being written; its value is the next one written.
    @inlinable
    package mutating func key(_ key: String) {
        self.string(key)
        self.bytes.append(UInt8(ascii: ":"))
        self.needsComma = false
    }

    /// A member whose value is `value`: ``key(_:)`` then the string, for types that write their own members.
    @inlinable
    package mutating func member(_ key: String, _ value: String) {
        self.key(key)
        self.string(value)
    }

    /// A member whose value is the integer `value`.
    @inlinable
    package mutating func member(_ key: String, _ value: Int) {
        self.key(key)
        self.integer(value)
    }

    /// A member whose value is the boolean `value`.
    @inlinable
    package mutating func member(_ key: String, _ value: Bool) {
        self.key(key)
        self.bool(value)
    }

    // MARK: Values

    @inlinable
    package mutating func null() {
        self.raw("null")
    }

    @inlinable
    package mutating func bool(_ flag: Bool) {
        self.raw(flag ? "true" : "false")
    }

    /// An integer's decimal digits, written without making a string.
    @inlinable
    package mutating func integer(_ value: Int) {
        self.digits(of: UInt64(value.magnitude), negative: value < 0)
    }

    /// An integer's decimal digits, written without making a string.
    @inlinable
    package mutating func integer(_ value: Int64) {
        self.digits(of: value.magnitude, negative: value < 0)
    }

    /// An integer's decimal digits, written without making a string.
    @inlinable
    package mutating func integer(_ value: UInt64) {
        self.digits(of: value, negative: false)
    }

    /// Any integer's decimal digits (the concrete overloads spare callers in other modules a generic call).
    package mutating func integer(_ value: some BinaryInteger) {
        if let value = Int64(exactly: value) {
            self.integer(value)
        } else if let value = UInt64(exactly: value) {
            self.integer(value)
        } else {
            self.raw(String(value))  // wider than 64 bits: rare enough for a string
        }
    }

    /// A number in the shortest form that reads back as the same `Double` (what `JSONEncoder` writes), `null` when
    /// it is not finite.
    package mutating func number(_ value: Double) {
        self.floatingPoint(value)
    }

    /// A `Float` in its own shortest form (what `JSONEncoder` writes for it), `null` when it is not finite.
    package mutating func number(_ value: Float) {
        self.floatingPoint(value)
    }

    /// A string literal. Most text needs no escape and is copied whole; otherwise the runs between escapes are.
    @inlinable
    package mutating func string(_ text: String) {
        self.separate()
        self.bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Runs of plain bytes copied whole, each special byte escaped between them.
            var start = 0
            while true {
                let end = JSONStringBytes.plainRun(in: utf8, from: start).end
                self.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<end]))
                guard end < utf8.count else { return }
                self.escaped(utf8[end])
                start = end + 1
            }
        }
        self.bytes.append(UInt8(ascii: "\""))
    }

    /// A value that is JSON text already (a member encoded before, a literal).
    @inlinable
    package mutating func raw(_ json: String) {
        self.separate()
        self.bytes.append(contentsOf: json.utf8)
    }

    /// A member of the object being written that is JSON text already: a ``key(_:)`` and its value, written before.
    @inlinable
    package mutating func member(json: [UInt8]) {
        self.separate()
        self.bytes.append(contentsOf: json)
    }

    // MARK: Writing

    @inlinable
    mutating func separate() {
        if self.needsComma { self.bytes.append(UInt8(ascii: ",")) }
        self.needsComma = true
    }

    @inlinable
    mutating func open(_ bracket: UInt8) {
        self.separate()
        self.bytes.append(bracket)
        self.needsComma = false
    }

    @inlinable
    mutating func close(_ bracket: UInt8) {
        self.bytes.append(bracket)
        self.needsComma = true
    }

    @usableFromInline
    mutating func digits(of magnitude: UInt64, negative: Bool) {
        self.separate()
        if negative { self.bytes.append(UInt8(ascii: "-")) }
        guard magnitude != 0 else { return self.bytes.append(UInt8(ascii: "0")) }
        var magnitude = magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits, more than a 64-bit integer has
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) {
                self.bytes.append(buffer[index])
            }
        }
    }

    /// Swift's `description` is the shortest text that reads back as the same value; `JSONEncoder` prints it without
    /// the `.0` of a whole number. Whole numbers below 2⁵³ for a `Double`, 2²⁴ for a `Float` (those `description`
    /// writes as digits and `.0`) are written as integers, without making a string.
    private mutating func floatingPoint<Number: BinaryFloatingPoint & LosslessStringConvertible>(_ value: Number) {
        guard value.isFinite else { return self.null() }
        let exactIntegers = Number(UInt64(1) << (Number.significandBitCount + 1))
        if value == value.rounded(.towardZero), value.magnitude < exactIntegers {
            return self.digits(of: UInt64(value.magnitude), negative: value.sign == .minus)
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        self.raw(text)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    @usableFromInline
    mutating func escaped(_ byte: UInt8) {
        let shortForm: UInt8
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): shortForm = byte
        case 0x0A: shortForm = UInt8(ascii: "n")
        case 0x0D: shortForm = UInt8(ascii: "r")
        case 0x09: shortForm = UInt8(ascii: "t")
        case 0x08: shortForm = UInt8(ascii: "b")
        case 0x0C: shortForm = UInt8(ascii: "f")
        case 0x00..<0x20:
            // `\u00XX`, appended from a small string and byte by byte: an array literal would be allocated each time.
            self.bytes.append(contentsOf: #"\u00"#.utf8)
            self.bytes.append(Self.hexDigits[Int(byte >> 4)])
            self.bytes.append(Self.hexDigits[Int(byte & 0xF)])
            return
        default:
            self.bytes.append(byte)
            return
        }
        self.bytes.append(UInt8(ascii: "\\"))
        self.bytes.append(shortForm)
    }
}
