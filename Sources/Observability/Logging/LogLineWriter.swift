import JSONCoding
import Logging

/// Writes one JSON log line through ``JSONWriter``: members in the order they are written, metadata as JSON values
/// (numbers and booleans stay numbers and booleans, dictionaries have their keys sorted, errors become
/// `{name, message}`), and the value of every sensitive key, at any depth, replaced by ``SensitiveKeys/redacted``.
struct LogLineWriter {
    private var writer: JSONWriter
    let sensitiveKeys: SensitiveKeys

    init(sensitiveKeys: SensitiveKeys, capacity: Int = 512) {
        self.sensitiveKeys = sensitiveKeys
        self.writer = JSONWriter(capacity: capacity)
        self.writer.beginObject()
    }

    /// The finished line, without a newline.
    mutating func finish() -> String {
        self.writer.endObject()
        return String(decoding: self.writer.bytes, as: UTF8.self)
    }

    mutating func member(_ key: String, _ value: String) {
        self.writer.key(key)
        self.writer.string(value)
    }

    mutating func member(_ key: String, number: Double) {
        self.writer.key(key)
        self.writer.number(number)
    }

    mutating func member(_ key: String, _ value: Logger.Metadata.Value) {
        self.writer.key(key)
        if self.sensitiveKeys.isSensitive(key) {
            self.writer.string(SensitiveKeys.redacted)
        } else {
            self.value(value)
        }
    }

    /// Appends members encoded before as JSON (``InvocationLog``'s context).
    mutating func members(json: [UInt8]) {
        self.writer.member(json: json)
    }

    private mutating func value(_ value: Logger.Metadata.Value) {
        switch value {
        case .string(let text):
            self.writer.string(text)
        case .stringConvertible(let convertible):
            self.convertible(convertible)
        case .array(let values):
            self.writer.beginArray()
            for element in values { self.value(element) }
            self.writer.endArray()
        case .dictionary(let members):
            self.object(members.sorted { $0.key < $1.key })
        }
    }

    private mutating func object(_ members: [(key: String, value: Logger.Metadata.Value)]) {
        self.writer.beginObject()
        for (key, value) in members { self.member(key, value) }
        self.writer.endObject()
    }

    private mutating func convertible(_ convertible: any CustomStringConvertible & Sendable) {
        switch convertible {
        case let flag as Bool:
            self.writer.bool(flag)
        case is LoggedNull:
            self.writer.null()
        case let integer as Int:
            self.writer.integer(integer)
        case let integer as any BinaryInteger:
            self.writer.integer(integer)
        case let number as Double:
            self.writer.number(number)
        case let error as ErrorDescription:
            self.object([("name", .string(error.name)), ("message", .string(error.message))])
        case let error as any Error:
            self.convertible(ErrorDescription(error))
        default:
            self.writer.string(convertible.description)
        }
    }
}
