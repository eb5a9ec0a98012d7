/// The text form of a UUID's 128 bits: 32 lower-case hexadecimal digits in groups of 8-4-4-4-12.
enum UUIDText {
    /// The text of the UUID whose first 64 bits are `high` and last 64 bits `low`, most significant digit first.
    static func lowercased(high: UInt64, low: UInt64) -> String {
        String(unsafeUninitializedCapacity: 36) { output in
            var position = 0
            for digit in 0..<32 {
                if digit == 8 || digit == 12 || digit == 16 || digit == 20 {
                    output[position] = UInt8(ascii: "-")
                    position += 1
                }
                let word = digit < 16 ? high : low
                let nibble = UInt8(truncatingIfNeeded: word >> UInt64(60 - 4 * (digit % 16))) & 0xF
                output[position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble
                position += 1
            }
            return position
        }
    }
}
