/// Which keys hold secrets: a key is sensitive when, lower-cased and without `-` and `_`, it contains one of the
/// words (`accessToken`, `x-api-key`, `Set-Cookie` and `client_secret` all do).
public struct SensitiveKeys: Sendable {
    /// The words every logger redacts.
    public static let standard = ["password", "authorization", "cookie", "token", "secret", "apikey", "credential"]

    /// What replaces a sensitive value.
    public static let redacted = "[REDACTED]"

    private let words: [String]

    public init(adding words: [String] = []) {
        self.words = Self.standard + words.map(Self.normalized).filter { !$0.isEmpty }
    }

    public func isSensitive(_ key: String) -> Bool {
        let key = Self.normalized(key)
        return self.words.contains { key.contains($0) }
    }

    private static func normalized(_ key: String) -> String {
        String(key.lowercased().unicodeScalars.filter { $0 != "-" && $0 != "_" })
    }
}
