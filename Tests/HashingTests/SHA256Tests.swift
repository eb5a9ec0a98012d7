import FoundationEssentials
import Hashing
import Testing

/// FIPS 180-4 example vectors and the padding boundaries, on every engine this processor can run: the Swift code
/// always, its SHA-256 instructions when it has them.
@Suite struct SHA256Tests {
    @Test(
        arguments: SHA256.Engine.available,
        [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
            ),
        ])
    func knownAnswers(engine: SHA256.Engine, vector: (message: String, digest: String)) {
        #expect(SHA256.hex(SHA256.hash(vector.message.utf8, engine: engine)) == vector.digest)
    }

    /// Messages whose padding fits in the last block, just does not, or needs a block of its own (values from
    /// Python's hashlib).
    @Test(
        arguments: SHA256.Engine.available,
        [
            (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
            (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
            (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
            (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
            (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        ])
    func paddingBoundaries(engine: SHA256.Engine, vector: (length: Int, digest: String)) {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: vector.length)
        #expect(SHA256.hex(SHA256.hash(message, engine: engine)) == vector.digest)
    }

    @Test(arguments: SHA256.Engine.available)
    func aMillionAs(engine: SHA256.Engine) {
        #expect(
            SHA256.hex(SHA256.hash(repeatElement(UInt8(ascii: "a"), count: 1_000_000), engine: engine))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: SHA256.Engine.available)
    func updatesInPiecesEqualOneUpdate(engine: SHA256.Engine) {
        let message = Array(String(repeating: "0123456789", count: 30).utf8)
        for split in [0, 1, 55, 56, 63, 64, 65, 119, 120, 299] {
            for second in [split, min(split + 1, message.count), min(split + 64, message.count), message.count] {
                var hasher = SHA256(engine: engine)
                hasher.update(message[..<split])
                hasher.update(message[split..<second])
                hasher.update(message[second...])
                #expect(hasher.finalize() == SHA256.hash(message, engine: .portable), "split at \(split), \(second)")
            }
        }
    }

    /// The processor's instructions are used exactly when Linux reports them (`sha_ni` on x86, `sha2` on ARM), so
    /// that a machine that has them does not silently hash in Swift.
    @Test func processorEngineFollowsTheCPUFlags() throws {
        #if os(Linux) && (arch(x86_64) || arch(arm64))
        let cpuInfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flagsLine = cpuInfo.split(separator: "\n").first { $0.hasPrefix("flags") || $0.hasPrefix("Features") }
        let flags = Set((flagsLine ?? "").split(separator: " ").map(String.init))
        let hasInstructions = flags.contains("sha_ni") || flags.contains("sha2")
        #expect(SHA256.Engine.fastest == (hasInstructions ? .processor : .portable))
        #expect(SHA256.Engine.available.contains(.portable))
        #endif
    }
}
