/// The current value of a secret and which version it is.
public struct SecretValue: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret's name.
    public let name: String
    /// The id of the version holding this value.
    public let versionID: String
    /// The value.
    public let payload: SecretPayload
    /// When this version was made, in milliseconds since the Unix epoch.
    public let createdMilliseconds: Int64

    /// A secret's value as a store read it.
    public init(name: String, versionID: String, payload: SecretPayload, createdMilliseconds: Int64) {
        self.name = name
        self.versionID = versionID
        self.payload = payload
        self.createdMilliseconds = createdMilliseconds
    }

    /// The value as text: the text of a text secret, the bytes of a binary one read as UTF-8.
    public var string: String {
        switch self.payload {
        case .string(let text): text
        case .binary(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Names the secret and its version but never shows the value, so a secret printed by mistake leaks nothing.
    public var description: String { "SecretValue(\(self.name), version \(self.versionID), value redacted)" }

    /// The same as ``description``: debugging output never shows the value either.
    public var debugDescription: String { self.description }
}
