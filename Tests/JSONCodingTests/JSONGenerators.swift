import JSONCoding
import PropertyBased

/// Generators of the values JSON text must carry unchanged: numbers at the edges of their types, text from every
/// Unicode plane with the characters JSON must escape, and nested values made of both.
enum JSONGenerators {
    /// Doubles at the edges (±0, subnormals, the largest and smallest, around 2⁵³ where whole numbers stop being
    /// written as digits) half of the time, any finite bit pattern otherwise.
    static let double = Generator<Double, Shrink.None<Double>> { rng in JSONGenerators.anyDouble(using: &rng) }

    static func anyDouble(using rng: inout some RandomNumberGenerator) -> Double {
        if Bool.random(using: &rng) { return edgeDoubles.randomElement(using: &rng)! }
        while true {
            let value = Double(bitPattern: rng.next())
            if value.isFinite { return value }
        }
    }

    static let edgeDoubles: [Double] = [
        0, -0.0, 1, -1, 0.1, 0.5, 1.5, 100.25, 1e15, 1e16, 1e21, 1e22, 1e308, -1e308, -.leastNonzeroMagnitude, 1e-7,
        2.5e-308,
        Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, Double.leastNormalMagnitude.nextDown,
        Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 9_007_199_254_740_992, 9_007_199_254_740_991,
        9_007_199_254_740_994, -9_007_199_254_740_992, 1_700_000_000.123, 1_700_000_000, 9.223372036854776e18,
        1.8446744073709552e19, 0.1 + 0.2, 1 / 3,
    ]

    /// Floats: the edges and any finite bit pattern.
    static let float = Generator<Float, Shrink.None<Float>> { rng in
        let edges: [Float] = [
            0, -0.0, 1, 0.1, 16_777_216, 16_777_215, 16_777_218, 1e10, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
        ]
        if Bool.random(using: &rng) { return edges.randomElement(using: &rng)! }
        while true {
            let value = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
            if value.isFinite { return value }
        }
    }

    /// 64-bit integers: the edges half of the time, any value otherwise.
    static let int64 = Generator<Int64, Shrink.None<Int64>> { rng in JSONGenerators.anyInt64(using: &rng) }

    static func anyInt64(using rng: inout some RandomNumberGenerator) -> Int64 {
        let edges: [Int64] = [0, 1, -1, 9, 10, -10, .max, .min, .max - 1, .min + 1, 9_007_199_254_740_993]
        return Bool.random(using: &rng) ? edges.randomElement(using: &rng)! : Int64(bitPattern: rng.next())
    }

    static let uint64 = Generator<UInt64, Shrink.None<UInt64>> { rng in
        let edges: [UInt64] = [0, 1, .max, .max - 1, UInt64(Int64.max) + 1]
        return Bool.random(using: &rng) ? edges.randomElement(using: &rng)! : rng.next()
    }

    /// Text mixing what JSON must escape (quotes, backslashes, every control character), what it may leave as is
    /// (`/`, DEL, the line and paragraph separators) and scalars from every plane, ASCII to the supplementary planes.
    static let string = Generator<String, Shrink.None<String>> { rng in
        JSONGenerators.text(using: &rng)
    }

    static func text(using rng: inout some RandomNumberGenerator) -> String {
        let special: [Unicode.Scalar] = [
            "\"", "\\", "/", "\u{7F}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFD}", "\u{10FFFF}", "u",
        ]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...24, using: &rng) {
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: scalars.append(Unicode.Scalar(UInt8.random(in: 0..<0x20, using: &rng)))
            case 1: scalars.append(special.randomElement(using: &rng)!)
            case 2: scalars.append(Unicode.Scalar(UInt8.random(in: 0x20..<0x7F, using: &rng)))
            default: scalars.append(JSONGenerators.anyScalar(using: &rng))
            }
        }
        return String(scalars)
    }

    /// Any scalar of any plane (surrogate code points are not scalars).
    static func anyScalar(using rng: inout some RandomNumberGenerator) -> Unicode.Scalar {
        while true {
            let plane = UInt32.random(in: 0...16, using: &rng)
            if let scalar = Unicode.Scalar(plane << 16 | UInt32.random(in: 0...0xFFFF, using: &rng)) { return scalar }
        }
    }

    /// Nested arrays and objects of every kind of value, up to four levels deep.
    static let value = Generator<JSONValue, Shrink.None<JSONValue>> { rng in
        JSONGenerators.value(depth: 0, using: &rng)
    }

    static func value(depth: Int, using rng: inout some RandomNumberGenerator) -> JSONValue {
        switch Int.random(in: 0..<(depth < 4 ? 8 : 6), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .integer(JSONGenerators.anyInt64(using: &rng))
        case 3: return .number(JSONGenerators.anyDouble(using: &rng))
        case 4, 5: return .string(JSONGenerators.text(using: &rng))
        case 6:
            return .array(
                (0..<Int.random(in: 0...4, using: &rng)).map { _ in JSONGenerators.value(depth: depth + 1, using: &rng)
                })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                members[JSONGenerators.text(using: &rng)] = JSONGenerators.value(depth: depth + 1, using: &rng)
            }
            return .object(members)
        }
    }
}

extension JSONValue {
    /// The value as reading its JSON text gives it back: a whole number that fits 64 bits is an integer (JSON text
    /// does not tell `3` from `3.0`, nor `-0` from `0`).
    var normalized: JSONValue {
        switch self {
        case .number(let number): Int64(exactly: number).map(JSONValue.integer) ?? self
        case .array(let elements): .array(elements.map(\.normalized))
        case .object(let members): .object(members.mapValues(\.normalized))
        default: self
        }
    }
}

extension JSONValue {
    /// Whether `other` is the same JSON value, numbers compared as the numbers they are: Foundation's decoder reads
    /// the shortest text of a large whole `Double` (`5.441567843556271e+17`) as the integer those digits spell, a
    /// different integer that is the same `Double`.
    func isSameJSON(as other: JSONValue) -> Bool {
        switch (self, other) {
        case (.integer(let left), .integer(let right)):
            // Beyond 2^53 both can be the same Double: ours reads the Double's own value, Foundation the digits.
            left == right || (left.magnitude > 1 << 53 && Double(left) == Double(right))
        case (.integer(let integer), .number(let number)), (.number(let number), .integer(let integer)):
            Double(integer) == number
        case (.number(let left), .number(let right)):
            left == right
        case (.array(let left), .array(let right)):
            left.count == right.count && zip(left, right).allSatisfy { $0.isSameJSON(as: $1) }
        case (.object(let left), .object(let right)):
            left.count == right.count && left.allSatisfy { key, value in right[key].map(value.isSameJSON) ?? false }
        default:
            self == other
        }
    }
}
