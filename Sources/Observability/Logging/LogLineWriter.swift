import Logging

/// Writes one JSON log line into bytes: members in the order they are written, strings escaped, metadata as JSON
/// values (numbers and booleans stay numbers and booleans, errors become `{name, message}`), and the value of every
/// sensitive key, at any depth, replaced by ``SensitiveKeys/redacted``.
struct LogLineWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false
    let sensitiveKeys: SensitiveKeys

    init(sensitiveKeys: SensitiveKeys, capacity: Int = 512) {
        self.sensitiveKeys = sensitiveKeys
        self.bytes.reserveCapacity(capacity)
        self.bytes.append(UInt8(ascii: "{"))
    }

    /// The finished line, without a newline.
    mutating func finish() -> String {
        self.bytes.append(UInt8(ascii: "}"))
        return String(decoding: self.bytes, as: UTF8.self)
    }

    mutating func member(_ key: String, _ value: String) {
        self.key(key)
        self.string(value)
    }

    mutating func member(_ key: String, raw: String) {
        self.key(key)
        self.bytes.append(contentsOf: raw.utf8)
    }

    mutating func member(_ key: String, _ value: Logger.Metadata.Value) {
        self.key(key)
        if self.sensitiveKeys.isSensitive(key) {
            self.string(SensitiveKeys.redacted)
        } else {
            self.value(value)
        }
    }

    private mutating func key(_ key: String) {
        if self.needsComma { self.bytes.append(UInt8(ascii: ",")) }
        self.needsComma = true
        self.string(key)
        self.bytes.append(UInt8(ascii: ":"))
    }

    private mutating func value(_ value: Logger.Metadata.Value) {
        switch value {
        case .string(let text):
            self.string(text)
        case .stringConvertible(let convertible):
            self.convertible(convertible)
        case .array(let values):
            self.bytes.append(UInt8(ascii: "["))
            for (index, element) in values.enumerated() {
                if index > 0 { self.bytes.append(UInt8(ascii: ",")) }
                self.value(element)
            }
            self.bytes.append(UInt8(ascii: "]"))
        case .dictionary(let members):
            self.object(members.sorted { $0.key < $1.key })
        }
    }

    private mutating func object(_ members: [(key: String, value: Logger.Metadata.Value)]) {
        let outer = self.needsComma
        self.bytes.append(UInt8(ascii: "{"))
        self.needsComma = false
        for (key, value) in members { self.member(key, value) }
        self.bytes.append(UInt8(ascii: "}"))
        self.needsComma = outer
    }

    private mutating func convertible(_ convertible: any CustomStringConvertible & Sendable) {
        switch convertible {
        case let flag as Bool:
            self.bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case is LoggedNull:
            self.bytes.append(contentsOf: "null".utf8)
        case let integer as any BinaryInteger:
            self.bytes.append(contentsOf: String(describing: integer).utf8)
        case let number as Double where number.isFinite:
            self.bytes.append(contentsOf: String(describing: number).utf8)
        case let error as ErrorDescription:
            self.object([("name", .string(error.name)), ("message", .string(error.message))])
        case let error as any Error:
            self.convertible(ErrorDescription(error))
        default:
            self.string(convertible.description)
        }
    }

    private mutating func string(_ text: String) {
        JSONText.appendQuoted(text, to: &self.bytes)
    }

    /// Appends members encoded before (``InvocationLog``'s context), each value already JSON.
    mutating func members(_ encoded: [(key: String, raw: String)]) {
        for (key, raw) in encoded { self.member(key, raw: raw) }
    }
}

/// JSON string literals.
enum JSONText {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `text` as a quoted JSON string.
    static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        Self.appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), byte])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                bytes.append(contentsOf: [Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
