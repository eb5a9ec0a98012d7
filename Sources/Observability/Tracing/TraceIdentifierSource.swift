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

    private static let digits = Array("0123456789abcdef".utf8)

    /// The low `digits` hex digits of each word, in order, as one string.
    static func hex(_ words: [(value: UInt64, digits: Int)]) -> String {
        String(unsafeUninitializedCapacity: words.reduce(0) { $0 + $1.digits }) { output in
            var position = 0
            for word in words {
                for nibble in stride(from: word.digits - 1, through: 0, by: -1) {
                    output[position] = Self.digits[Int((word.value >> UInt64(4 * nibble)) & 0xF)]
                    position += 1
                }
            }
            return position
        }
    }
}
