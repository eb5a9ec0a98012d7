/// HMAC-SHA256 (RFC 2104 with FIPS 180-4's SHA-256): the message authentication code AWS Signature Version 4 chains
/// to derive its signing key and sign each request.
package enum HMACSHA256 {
    /// The code for `message` under `key`, 32 bytes, computed on `engine` (by default the fastest there is).
    package static func authenticationCode(
        for message: some Sequence<UInt8>, key: some Sequence<UInt8>, engine: SHA256.Engine = .fastest
    ) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: SHA256.digestByteCount) { code, count in
            Array(message).withUnsafeBytes { message in
                Array(key).withUnsafeBytes { key in
                    Self.authenticate(message, key: key, engine: engine, into: UnsafeMutableRawBufferPointer(code))
                }
            }
            count = SHA256.digestByteCount
        }
    }

    /// Writes the 32-byte code for `message` under `key` to the start of `code`, computed on `engine`.
    package static func authenticate(
        _ message: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer, engine: SHA256.Engine = .fastest,
        into code: UnsafeMutableRawBufferPointer
    ) {
        // The key padded with zeros to a block (hashed first when longer than one), kept inline.
        var pad: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &pad) { pad in
            if key.count > SHA256.blockByteCount {
                var hasher = SHA256(engine: engine)
                hasher.update(key)
                hasher.finalize(into: pad)
            } else {
                pad.copyBytes(from: key)
            }
        }
        var inner = SHA256(engine: engine)
        var outer = SHA256(engine: engine)
        withUnsafeMutableBytes(of: &pad) { pad in
            Self.flip(pad, with: 0x36)
            inner.update(UnsafeRawBufferPointer(pad))
            Self.flip(pad, with: 0x36 ^ 0x5c)
            outer.update(UnsafeRawBufferPointer(pad))
        }
        inner.update(message)
        var innerCode: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &innerCode) { innerCode in
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
