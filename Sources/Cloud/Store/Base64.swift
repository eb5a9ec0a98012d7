/// Standard base64 (RFC 4648 §4, with padding), how the JSON protocols carry blobs such as SQS's binary attributes.
package enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// `bytes` in base64.
    package static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            var group = UInt32(bytes[index]) << 16
            if count > 1 { group |= UInt32(bytes[index + 1]) << 8 }
            if count > 2 { group |= UInt32(bytes[index + 2]) }
            for position in 0..<4 {
                let sextet = Int((group >> (18 - 6 * UInt32(position))) & 0x3F)
                output.append(position <= count ? Self.alphabet[sextet] : UInt8(ascii: "="))
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes `text` encodes, or `nil` when it is not padded base64.
    package static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 4 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(characters.count / 4 * 3)
        for start in stride(from: 0, to: characters.count, by: 4) {
            var group: UInt32 = 0
            var padding = 0
            for character in characters[start..<start + 4] {
                if character == UInt8(ascii: "=") {
                    padding += 1
                    group <<= 6
                    continue
                }
                guard padding == 0, let value = Self.alphabet.firstIndex(of: character) else { return nil }
                group = group << 6 | UInt32(value)
            }
            guard padding <= 2, padding == 0 || start + 4 == characters.count else { return nil }
            let decoded = [UInt8(group >> 16 & 0xFF), UInt8(group >> 8 & 0xFF), UInt8(group & 0xFF)]
            output.append(contentsOf: decoded.prefix(3 - padding))
        }
        return output
    }
}
