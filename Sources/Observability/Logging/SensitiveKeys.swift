/// Which keys hold secrets. A key is sensitive when, lower-cased and without `-` and `_`, it contains one of the
/// words (`accessToken`, `idToken`, `refresh_token`, `x-api-key`, `Set-Cookie` and `client_secret` all do), or is
/// one of the names (`code`, `OTP`), which are too short to be searched inside other keys (`statusCode` is not secret).
public struct SensitiveKeys: Sendable {
    /// The words every logger redacts wherever they appear in a key.
    public static let standard = ["password", "authorization", "cookie", "token", "secret", "apikey", "credential"]

    /// The keys every logger redacts when they are the whole key: one-time codes (a password-reset `code`, an `otp`).
    public static let standardNames = ["code", "otp"]

    /// What replaces a sensitive value.
    public static let redacted = "[REDACTED]"

    /// The words and names, normalized.
    private let words: KeyWordList
    private let names: KeyWordList

    /// The standard words and names, and `words` and `names` of the caller's.
    public init(adding words: [String] = [], names: [String] = []) {
        self.words = KeyWordList((Self.standard + words).map(Self.normalized))
        self.names = KeyWordList((Self.standardNames + names).map(Self.normalized))
    }

    /// Checked on every logged key, so on bytes: ASCII letters lower-cased, `-` and `_` dropped (into a buffer on
    /// the stack, not an array), then a plain search.
    public func isSensitive(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { utf8 in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count) { buffer in
                let normalized = UnsafeBufferPointer(rebasing: buffer[..<Self.normalize(utf8, into: buffer)])
                return self.names.isWhole(normalized) || self.words.occurs(in: normalized)
            }
        }
    }

    /// Writes `utf8` lower-cased (ASCII letters) and without `-` and `_` to the start of `output`, which holds at
    /// least as many bytes; returns how many it wrote.
    private static func normalize(_ utf8: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>)
        -> Int
    {
        var count = 0
        for byte in utf8 where byte != UInt8(ascii: "-") && byte != UInt8(ascii: "_") {
            output[count] = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
            count += 1
        }
        return count
    }

    private static func normalized(_ key: String) -> [UInt8] {
        var key = key
        return key.withUTF8 { utf8 in
            [UInt8](unsafeUninitializedCapacity: utf8.count) { output, count in
                count = Self.normalize(utf8, into: output)
            }
        }
    }
}
