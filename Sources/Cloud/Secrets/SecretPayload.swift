/// What a secret holds: text (often JSON) or bytes, as Secrets Manager's `SecretString` and `SecretBinary`.
public enum SecretPayload: Sendable, Hashable {
    /// A text secret.
    case string(String)
    /// A binary secret.
    case binary([UInt8])

    /// The size Secrets Manager bounds: the UTF-8 bytes of a text, the bytes of a binary secret.
    public var byteCount: Int {
        switch self {
        case .string(let text): text.utf8.count
        case .binary(let bytes): bytes.count
        }
    }
}
