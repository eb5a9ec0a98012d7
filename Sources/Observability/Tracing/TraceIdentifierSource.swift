import Synchronization

/// Random bits for trace and segment ids, drawn for every request: SplitMix64 over a shared atomic counter seeded
/// once from the system's secure generator, so an id costs an atomic add and no system call. Ids must be unique and
/// unpredictable enough not to collide, not secret.
enum TraceIdentifierSource {
    private static let state = Atomic<UInt64>(
        {
            var system = SystemRandomNumberGenerator()
            return system.next()
        }())

    /// 64 random-looking bits; never the same twice within 2⁶⁴ draws.
    static func next() -> UInt64 {
        var value = Self.state.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// The low `digits` hex digits of `value` (lower case) as a string.
    static func hex(_ value: UInt64, digits: Int) -> String {
        String(unsafeUninitializedCapacity: digits) { output in
            Self.writeHex(value, digits: digits, to: output, at: 0)
        }
    }

    /// Writes the low `digits` hex digits of `value` (lower case) into `output` from `position`.
    /// - Returns: the position after them.
    static func writeHex(
        _ value: UInt64, digits: Int, to output: UnsafeMutableBufferPointer<UInt8>, at position: Int
    ) -> Int {
        for index in 0..<digits {
            let nibble = UInt8(truncatingIfNeeded: value >> UInt64(4 * (digits - 1 - index))) & 0xF
            output[position + index] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble
        }
        return position + digits
    }
}
