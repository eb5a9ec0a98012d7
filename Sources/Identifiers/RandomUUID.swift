/// Random (version 4) UUIDs in their lower-case text form, made from the system's secure generator
/// (``RandomBits``) without Foundation, whose `UUID()` opens `/dev/urandom` for every id on Linux: ids are made on
/// every request.
package enum RandomUUID {
    /// A new id, e.g. `3f2b8c1e-9d4a-4f6b-8e2a-5c7d9e0f1a2b`.
    package static func make() -> String {
        let random = RandomBits.next128()
        let high = (random.high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000  // version 4
        let low = (random.low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000  // RFC 9562 variant
        return UUIDText.lowercased(high: high, low: low)
    }

    /// Whether `text` is a UUID in text form (`8-4-4-4-12` hexadecimal digits, either case).
    package static func isWellFormed(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                let isHex =
                    (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
                guard isHex else { return false }
            }
        }
        return true
    }
}
