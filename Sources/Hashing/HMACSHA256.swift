/// HMAC-SHA256 (RFC 2104 with FIPS 180-4's SHA-256): the message authentication code AWS Signature Version 4 chains
/// to derive its signing key and sign each request.
package enum HMACSHA256 {
    /// The code for `message` under `key`, 32 bytes.
    package static func authenticationCode(for message: some Sequence<UInt8>, key: some Collection<UInt8>) -> [UInt8] {
        var blockKey = key.count > SHA256.blockByteCount ? SHA256.hash(key) : Array(key)
        blockKey.append(contentsOf: repeatElement(0, count: SHA256.blockByteCount - blockKey.count))
        var inner = SHA256()
        inner.update(blockKey.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA256()
        outer.update(blockKey.map { $0 ^ 0x5c })
        outer.update(inner.finalize())
        return outer.finalize()
    }
}
