internal import CSHA256Acceleration

/// SHA-256 (FIPS 180-4), small and dependency-free so that code shipping to Lambda can hash without linking a
/// cryptography library: idempotency keys and payload fingerprints, HMAC signatures. Blocks are compressed with the
/// processor's SHA-256 instructions where it has them (x86 SHA extensions, ARMv8 cryptography extension), in Swift
/// otherwise.
package struct SHA256: Sendable {
    /// The digest length in bytes.
    package static let digestByteCount = 32
    /// The block length in bytes.
    package static let blockByteCount = 64

    /// What runs the compression function.
    package enum Engine: Sendable, Equatable {
        /// Swift code that runs on any processor.
        case portable
        /// The processor's SHA-256 instructions.
        case processor

        /// The processor's instructions when it has them, the Swift code otherwise.
        package static let fastest: Engine = stratus_sha256_hardware_available() != 0 ? .processor : .portable

        /// Every engine this processor can run: the Swift code, and its instructions when it has them.
        package static var available: [Engine] { Self.fastest == .portable ? [.portable] : [.portable, .processor] }
    }

    /// Sixty-four bytes kept inline, so that hashing allocates nothing until the digest.
    private typealias Block = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    private let engine: Engine
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    /// The bytes of an unfinished block, the first `pendingCount` of `pending`.
    private var pending: Block = (0, 0, 0, 0, 0, 0, 0, 0)
    private var pendingCount = 0
    private var compressedByteCount: UInt64 = 0

    /// A hasher that runs on `engine`, by default the fastest this processor has.
    package init(engine: Engine = .fastest) {
        self.engine = engine
    }

    /// The digest of `bytes`.
    package static func hash(_ bytes: some Sequence<UInt8>, engine: Engine = .fastest) -> [UInt8] {
        var hasher = SHA256(engine: engine)
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of `text`'s UTF-8 bytes, as lower-case hexadecimal.
    package static func hexDigest(_ text: String) -> String {
        var text = text
        return text.withUTF8 { Self.hexDigest(of: UnsafeRawBufferPointer($0)) }
    }

    /// The digest of `bytes`, as lower-case hexadecimal.
    package static func hexDigest(of bytes: UnsafeRawBufferPointer) -> String {
        Self.withDigest(of: bytes) { Self.hex($0) }
    }

    /// Appends the digest of `bytes` to `output` as lower-case hexadecimal.
    package static func appendHexDigest(of bytes: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        Self.withDigest(of: bytes) { Self.appendHex($0, to: &output) }
    }

    /// Calls `body` with the digest of `bytes`, kept on the stack.
    private static func withDigest<Result>(
        of bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Result
    ) -> Result {
        var hasher = SHA256()
        hasher.update(bytes)
        return withUnsafeTemporaryAllocation(byteCount: Self.digestByteCount, alignment: 1) { digest in
            hasher.finalize(into: digest)
            return body(UnsafeRawBufferPointer(digest))
        }
    }

    /// `bytes` as lower-case hexadecimal.
    package static func hex(_ bytes: some Collection<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { text in
            Self.writeHex(bytes, to: UnsafeMutableRawBufferPointer(text))
        }
    }

    /// Appends `bytes` to `output` as lower-case hexadecimal.
    package static func appendHex(_ bytes: some Sequence<UInt8>, to output: inout [UInt8]) {
        for byte in bytes {
            output.append(Self.hexDigit(byte >> 4))
            output.append(Self.hexDigit(byte & 0x0F))
        }
    }

    /// Writes `bytes` as lower-case hexadecimal to the start of `output`, which holds twice as many bytes, and
    /// returns how many it wrote.
    private static func writeHex(_ bytes: some Collection<UInt8>, to output: UnsafeMutableRawBufferPointer) -> Int {
        var offset = 0
        for byte in bytes {
            output[offset] = Self.hexDigit(byte >> 4)
            output[offset + 1] = Self.hexDigit(byte & 0x0F)
            offset += 2
        }
        return offset
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// Adds `bytes` to the message. Contiguous bytes (arrays, a string's UTF-8 view) are compressed straight from
    /// their storage; other sequences are gathered first.
    package mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            self.update(UnsafeRawBufferPointer(buffer))
        }
        if handled == nil {
            Array(bytes).withUnsafeBytes { self.update($0) }
        }
    }

    /// Adds the bytes of `buffer` to the message.
    package mutating func update(_ buffer: UnsafeRawBufferPointer) {
        var remaining = buffer[...]
        if self.pendingCount > 0 {
            let taken = min(Self.blockByteCount - self.pendingCount, remaining.count)
            let start = self.pendingCount
            withUnsafeMutableBytes(of: &self.pending) { pending in
                UnsafeMutableRawBufferPointer(rebasing: pending[start..<start + taken])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: remaining.prefix(taken)))
            }
            self.pendingCount += taken
            remaining = remaining.dropFirst(taken)
            guard self.pendingCount == Self.blockByteCount else { return }
            let block = self.pending
            withUnsafeBytes(of: block) { self.compress($0) }
            self.pendingCount = 0
        }
        let wholeBlocks = remaining.count / Self.blockByteCount * Self.blockByteCount
        if wholeBlocks > 0 {
            self.compress(UnsafeRawBufferPointer(rebasing: remaining.prefix(wholeBlocks)))
            remaining = remaining.dropFirst(wholeBlocks)
        }
        if !remaining.isEmpty {
            withUnsafeMutableBytes(of: &self.pending) { pending in
                pending.copyMemory(from: UnsafeRawBufferPointer(rebasing: remaining))
            }
            self.pendingCount = remaining.count
        }
    }

    /// Pads the message and returns its 32-byte digest.
    package mutating func finalize() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Self.digestByteCount) { digest, count in
            self.finalize(into: UnsafeMutableRawBufferPointer(digest))
            count = Self.digestByteCount
        }
    }

    /// Pads the message and writes its 32-byte digest to the start of `digest`.
    package mutating func finalize(into digest: UnsafeMutableRawBufferPointer) {
        precondition(digest.count >= Self.digestByteCount, "no room for the digest")
        let messageBits = (self.compressedByteCount + UInt64(self.pendingCount)) &* 8
        var block = self.pending
        let lengthOffset = Self.blockByteCount - 8
        withUnsafeMutableBytes(of: &block) { block in
            block[self.pendingCount] = 0x80
            UnsafeMutableRawBufferPointer(rebasing: block[(self.pendingCount + 1)...])
                .initializeMemory(as: UInt8.self, repeating: 0)
        }
        if self.pendingCount >= lengthOffset {
            withUnsafeBytes(of: block) { self.compress($0) }
            block = (0, 0, 0, 0, 0, 0, 0, 0)
        }
        withUnsafeMutableBytes(of: &block) { block in
            block.storeBytes(of: messageBits.bigEndian, toByteOffset: lengthOffset, as: UInt64.self)
        }
        withUnsafeBytes(of: block) { self.compress($0) }
        self.pendingCount = 0
        withUnsafeBytes(of: self.state) { words in
            for index in 0..<8 {
                let word = words.load(fromByteOffset: index * 4, as: UInt32.self)
                digest.storeBytes(of: word.bigEndian, toByteOffset: index * 4, as: UInt32.self)
            }
        }
    }

    /// Runs the compression function over `blocks`, a whole number of 64-byte blocks.
    private mutating func compress(_ blocks: UnsafeRawBufferPointer) {
        let blockCount = blocks.count / Self.blockByteCount
        guard let base = blocks.baseAddress, blockCount > 0 else { return }
        switch self.engine {
        case .processor:
            withUnsafeMutableBytes(of: &self.state) { state in
                stratus_sha256_compress_blocks(
                    state.baseAddress!.assumingMemoryBound(to: UInt32.self), base.assumingMemoryBound(to: UInt8.self),
                    blockCount)
            }
        case .portable:
            for index in 0..<blockCount {
                self.compressPortably(
                    UnsafeRawBufferPointer(start: base + index * Self.blockByteCount, count: Self.blockByteCount))
            }
        }
        self.compressedByteCount &+= UInt64(blocks.count)
    }

    /// Runs the compression function over one 64-byte block in Swift.
    private mutating func compressPortably(_ block: UnsafeRawBufferPointer) {
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
