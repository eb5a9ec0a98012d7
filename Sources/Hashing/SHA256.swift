/// SHA-256 (FIPS 180-4), small and dependency-free so that code shipping to Lambda can hash without linking a
/// cryptography library: idempotency keys and payload fingerprints, HMAC signatures.
package struct SHA256: Sendable {
    /// The digest length in bytes.
    package static let digestByteCount = 32
    /// The block length in bytes.
    package static let blockByteCount = 64

    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    private var pending: [UInt8] = []
    private var totalByteCount: UInt64 = 0

    package init() {
        self.pending.reserveCapacity(Self.blockByteCount)
    }

    /// The digest of `bytes`.
    package static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of `text`'s UTF-8 bytes, as lower-case hexadecimal.
    package static func hexDigest(_ text: String) -> String {
        Self.hex(Self.hash(text.utf8))
    }

    /// `bytes` as lower-case hexadecimal.
    package static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Adds `bytes` to the message. Contiguous bytes (arrays, a string's UTF-8 view) are compressed straight from
    /// their storage, a block at a time; other sequences are gathered first.
    package mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            self.absorb(UnsafeRawBufferPointer(buffer))
        }
        if handled == nil {
            Array(bytes).withUnsafeBytes { self.absorb($0) }
        }
    }

    /// Adds the bytes of `buffer` to the message.
    private mutating func absorb(_ buffer: UnsafeRawBufferPointer) {
        var remaining = buffer[...]
        if !self.pending.isEmpty {
            let taken = remaining.prefix(Self.blockByteCount - self.pending.count)
            self.pending.append(contentsOf: taken)
            remaining = remaining.dropFirst(taken.count)
            guard self.pending.count == Self.blockByteCount else { return }
            self.pending.withUnsafeBytes { self.compress($0) }
            self.pending.removeAll(keepingCapacity: true)
        }
        while remaining.count >= Self.blockByteCount {
            self.compress(UnsafeRawBufferPointer(rebasing: remaining.prefix(Self.blockByteCount)))
            remaining = remaining.dropFirst(Self.blockByteCount)
        }
        self.pending.append(contentsOf: remaining)
    }

    /// Pads the message and returns its 32-byte digest.
    package mutating func finalize() -> [UInt8] {
        let messageBits = (self.totalByteCount + UInt64(self.pending.count)) &* 8
        var padding: [UInt8] = [0x80]
        let zeros = (Self.blockByteCount * 2 - 8 - self.pending.count - 1) % Self.blockByteCount
        padding.append(contentsOf: repeatElement(0, count: zeros))
        for shift in stride(from: 56, through: 0, by: -8) {
            padding.append(UInt8(truncatingIfNeeded: messageBits >> UInt64(shift)))
        }
        self.update(padding)
        return [UInt8](unsafeUninitializedCapacity: Self.digestByteCount) { digest, count in
            withUnsafeBytes(of: self.state) { words in
                for index in 0..<8 {
                    let word = words.load(fromByteOffset: index * 4, as: UInt32.self)
                    for byte in 0..<4 {
                        digest[index * 4 + byte] = UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32(byte)))
                    }
                }
            }
            count = Self.digestByteCount
        }
    }

    /// Runs the compression function over one 64-byte block.
    private mutating func compress(_ block: UnsafeRawBufferPointer) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            for index in 0..<16 {
                schedule[index] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
            }
            for index in 16..<64 {
                let early = schedule[index - 15]
                let late = schedule[index - 2]
                let sigma0 = early.rotatedRight(7) ^ early.rotatedRight(18) ^ (early >> 3)
                let sigma1 = late.rotatedRight(17) ^ late.rotatedRight(19) ^ (late >> 10)
                schedule[index] = schedule[index - 16] &+ sigma0 &+ schedule[index - 7] &+ sigma1
            }
            var (a, b, c, d, e, f, g, h) = self.state
            Self.roundConstants.withUnsafeBufferPointer { constants in
                for index in 0..<64 {
                    let sum1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
                    let choice = (e & f) ^ (~e & g)
                    let temporary1 = h &+ sum1 &+ choice &+ constants[index] &+ schedule[index]
                    let sum0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
                    let majority = (a & b) ^ (a & c) ^ (b & c)
                    let temporary2 = sum0 &+ majority
                    (h, g, f, e, d, c, b, a) = (g, f, e, d &+ temporary1, c, b, a, temporary1 &+ temporary2)
                }
            }
            self.state = (
                self.state.0 &+ a, self.state.1 &+ b, self.state.2 &+ c, self.state.3 &+ d,
                self.state.4 &+ e, self.state.5 &+ f, self.state.6 &+ g, self.state.7 &+ h
            )
        }
        self.totalByteCount &+= UInt64(Self.blockByteCount)
    }

    /// The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}

extension UInt32 {
    fileprivate func rotatedRight(_ count: UInt32) -> UInt32 {
        (self >> count) | (self << (32 - count))
    }
}
