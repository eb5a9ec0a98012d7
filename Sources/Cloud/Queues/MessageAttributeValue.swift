/// The value of a message attribute, with its SQS data type.
public enum MessageAttributeValue: Sendable, Hashable {
    /// A `String` attribute.
    case string(String)
    /// A `Number` attribute, kept as the text that was sent (SQS keeps up to 38 digits, more than any Swift number).
    case number(String)
    /// A `Binary` attribute.
    case binary([UInt8])

    /// SQS's name for the data type: `String`, `Number` or `Binary`.
    public var dataType: String {
        switch self {
        case .string: "String"
        case .number: "Number"
        case .binary: "Binary"
        }
    }

    /// The value's bytes, as SQS counts them towards the message size.
    public var bytes: [UInt8] {
        switch self {
        case .string(let text), .number(let text): Array(text.utf8)
        case .binary(let bytes): bytes
        }
    }

    /// The value of type `dataType` held in `bytes`, or `nil` for an unknown type or text that is not UTF-8.
    public init?(dataType: String, bytes: [UInt8]) {
        switch dataType {
        case "Binary": self = .binary(bytes)
        case "String", "Number":
            guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
            self = dataType == "String" ? .string(text) : .number(text)
        default: return nil
        }
    }
}
