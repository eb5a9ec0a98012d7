/// HMAC-SHA256 (RFC 2104 with FIPS 180-4's SHA-256): the message authentication code AWS Signature Version 4 chains
/// to derive its signing key and sign each request.
///
/// A value holds one key, already absorbed into the inner and outer hashes (a block each), so that a key that signs
/// many messages pays for that once.
package struct HMACSHA256: Sendable {
    /// SHA-256 after the key XOR the inner pad.
    private let inner: SHA256
    /// SHA-256 after the key XOR the outer pad.
    private let outer: SHA256

    /// The code for `message` under `key`, 32 bytes, computed on `engine` (by default the fastest there is).
    package static func authenticationCode(
        for message: some Sequence<UInt8>, key: some Sequence<UInt8>, engine: SHA256.Engine = .fastest
    ) -> [UInt8] {
        Self(key: key, engine: engine).authenticationCode(for: message)
    }

    /// The key `key`, hashed on `engine`.
    package init(key: some Sequence<UInt8>, engine: SHA256.Engine = .fastest) {
        self = Array(key).withUnsafeBytes { Self(key: $0, engine: engine) }
    }

    /// The key `key`, hashed on `engine`.
    package init(key: UnsafeRawBufferPointer, engine: SHA256.Engine = .fastest) {
        // The key padded with zeros to a block (hashed first when longer than one), kept inline.
        var pad: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        var inner = SHA256(engine: engine)
        var outer = SHA256(engine: engine)
        withUnsafeMutableBytes(of: &pad) { pad in
            if key.count > SHA256.blockByteCount {
                var hasher = SHA256(engine: engine)
                hasher.update(key)
                hasher.finalize(into: pad)
            } else {
                pad.copyMemory(from: key)
            }
            Self.flip(pad, with: 0x36)
            inner.update(UnsafeRawBufferPointer(pad))
            Self.flip(pad, with: 0x36 ^ 0x5c)
            outer.update(UnsafeRawBufferPointer(pad))
        }
        self.inner = inner
        self.outer = outer
    }

    /// The code for `message`, 32 bytes.
    package func authenticationCode(for message: some Sequence<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: SHA256.digestByteCount) { code, count in
            Array(message).withUnsafeBytes { self.authenticate($0, into: UnsafeMutableRawBufferPointer(code)) }
            count = SHA256.digestByteCount
        }
    }

    /// Writes the 32-byte code for `message` to the start of `code`.
    package func authenticate(_ message: UnsafeRawBufferPointer, into code: UnsafeMutableRawBufferPointer) {
        var inner = self.inner
        inner.update(message)
        var outer = self.outer
        withUnsafeTemporaryAllocation(byteCount: SHA256.digestByteCount, alignment: 1) { innerCode in
            inner.finalize(into: innerCode)
            outer.update(UnsafeRawBufferPointer(innerCode))
        }
        outer.finalize(into: code)
    }

    /// XORs every byte of `bytes` with `mask`.
    private static func flip(_ bytes: UnsafeMutableRawBufferPointer, with mask: UInt8) {
        for index in bytes.indices {
            bytes[index] ^= mask
        }
    }
}
