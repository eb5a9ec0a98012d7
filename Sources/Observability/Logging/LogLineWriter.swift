import LambdaEvents
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
        JSONStringLiteral.append(text, to: &self.bytes)
    }

    /// Appends members encoded before (``InvocationLog``'s context), each value already JSON.
    mutating func members(_ encoded: [(key: String, raw: String)]) {
        for (key, raw) in encoded { self.member(key, raw: raw) }
    }
}
