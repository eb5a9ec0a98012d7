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

    /// Writes the digest of `bytes` as lower-case hexadecimal to the start of `output`, which holds at least 64 bytes.
    package static func writeHexDigest(of bytes: UnsafeRawBufferPointer, to output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= Self.digestByteCount * 2, "no room for the digest")
        Self.withDigest(of: bytes) { _ = Self.writeHex($0, to: output) }
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
        let written = bytes.withContiguousStorageIfAvailable { Self.hex(UnsafeRawBufferPointer($0)) }
        return written ?? Array(bytes).withUnsafeBytes { Self.hex($0) }
    }

    /// `bytes` as lower-case hexadecimal.
    package static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { text in
            Self.writeHex(bytes, to: UnsafeMutableRawBufferPointer(text))
        }
    }

    /// Writes `bytes` as lower-case hexadecimal to the start of `output`, which holds twice as many bytes, and
    /// returns how many it wrote. Read by index: a raw buffer's iterator is not inlined into this loop.
    private static func writeHex(_ bytes: UnsafeRawBufferPointer, to output: UnsafeMutableRawBufferPointer) -> Int {
        precondition(output.count >= bytes.count * 2, "no room for the hexadecimal digits")
        for index in 0..<bytes.count {
            let byte = bytes[index]
            output[index * 2] = Self.hexDigit(byte >> 4)
            output[index * 2 + 1] = Self.hexDigit(byte & 0x0F)
        }
        return bytes.count * 2
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
            // FIPS 180-4's 64 round constants, in the C target's table that the processor engines load too.
            let constants = stratus_sha256_round_constants_table()
            for index in 0..<64 {
                let sum1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
                let choice = (e & f) ^ (~e & g)
                let temporary1 = h &+ sum1 &+ choice &+ constants[index] &+ schedule[index]
                let sum0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
                let majority = (a & b) ^ (a & c) ^ (b & c)
                let temporary2 = sum0 &+ majority
                (h, g, f, e, d, c, b, a) = (g, f, e, d &+ temporary1, c, b, a, temporary1 &+ temporary2)
            }
            self.state = (
                self.state.0 &+ a, self.state.1 &+ b, self.state.2 &+ c, self.state.3 &+ d,
                self.state.4 &+ e, self.state.5 &+ f, self.state.6 &+ g, self.state.7 &+ h
            )
        }
    }
}

extension UInt32 {
    fileprivate func rotatedRight(_ count: UInt32) -> UInt32 {
        (self >> count) | (self << (32 - count))
    }
}
