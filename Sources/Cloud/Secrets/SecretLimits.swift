/// Secrets Manager's bounds, checked the same way by every adapter.
public enum SecretLimits {
    /// The longest name, in characters.
    public static let maximumNameLength = 512
    /// The largest value, in bytes.
    public static let maximumValueSize = 65_536

    /// Checks a secret's name: 1–512 ASCII letters, digits and `/_+=.@-`.
    /// - Throws: ``SecretStoreError/Code/invalidParameter`` naming the rule.
    public static func validate(name: String) throws(SecretStoreError) {
        let allowed = "/_+=.@-".utf8
        guard (1...Self.maximumNameLength).contains(name.utf8.count),
            name.utf8.allSatisfy({ byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || allowed.contains(byte)
            })
        else {
            throw SecretStoreError(
                .invalidParameter, "A secret name is 1–512 letters, digits and the characters /_+=.@-")
        }
    }

    /// Checks a value's size against the 65,536-byte bound.
    /// - Throws: ``SecretStoreError/Code/invalidParameter`` with the size.
    public static func validate(_ payload: SecretPayload) throws(SecretStoreError) {
        guard payload.byteCount <= Self.maximumValueSize else {
            throw SecretStoreError(
                .invalidParameter,
                "A secret value is at most \(Self.maximumValueSize) bytes, got \(payload.byteCount)")
        }
    }
}
