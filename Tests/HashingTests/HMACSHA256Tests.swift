import Hashing
import Testing

/// RFC 4231's HMAC-SHA-256 test cases (section 4.2 to 4.8), on every SHA-256 engine this processor can run.
@Suite struct HMACSHA256Tests {
    private static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count, by: 2).map {
            UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16)!
        }
    }

    private static let longKey = [UInt8](repeating: 0xaa, count: 131)

    @Test(
        arguments: SHA256.Engine.available,
        [
            (
                [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
            ),
            (
                Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
            ),
            (
                [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
            ),
            (
                bytes(hex: "0102030405060708090a0b0c0d0e0f10111213141516171819"), [UInt8](repeating: 0xcd, count: 50),
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
            ),
            (
                longKey, Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
            ),
            (
                longKey,
                Array(
                    "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."
                        .utf8),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
            ),
        ])
    func rfc4231(engine: SHA256.Engine, vector: (key: [UInt8], message: [UInt8], expected: String)) {
        let code = HMACSHA256.authenticationCode(for: vector.message, key: vector.key, engine: engine)
        #expect(SHA256.hex(code) == vector.expected)
    }

    /// Test case 5 asks for the first 128 bits only.
    @Test(arguments: SHA256.Engine.available)
    func truncatedOutput(engine: SHA256.Engine) {
        let code = HMACSHA256.authenticationCode(
            for: Array("Test With Truncation".utf8), key: [UInt8](repeating: 0x0c, count: 20), engine: engine)
        #expect(SHA256.hex(Array(code.prefix(16))) == "a3b6167473100ee06e0c796c2955552b")
    }

    /// A key of exactly one block is used as it is, one byte longer is hashed first: both edges agree with Python's
    /// `hmac` module.
    @Test(
        arguments: SHA256.Engine.available,
        [
            (64, "890f3a16e0ca0aaa3bf180f70fa8e3970b3fd6505e98fde157988dcc19d1685c"),
            (65, "0c256505306af48015530c139bb7add5ad7a6a9291cd511278a067e765816fbd"),
        ])
    func blockSizedKeys(engine: SHA256.Engine, vector: (length: Int, expected: String)) {
        let key = [UInt8](repeating: UInt8(ascii: "k"), count: vector.length)
        let code = HMACSHA256.authenticationCode(for: Array("message".utf8), key: key, engine: engine)
        #expect(SHA256.hex(code) == vector.expected)
    }

    /// A key that signs several messages gives each the code a fresh key would: signing leaves the key as it was.
    @Test(arguments: SHA256.Engine.available)
    func aKeySignsManyMessages(engine: SHA256.Engine) {
        let key = HMACSHA256(key: Array("Jefe".utf8), engine: engine)
        let question = Array("what do ya want for nothing?".utf8)
        let first = key.authenticationCode(for: question)
        #expect(key.authenticationCode(for: Array("another message".utf8)) != first)
        #expect(key.authenticationCode(for: question) == first)
        #expect(SHA256.hex(first) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
