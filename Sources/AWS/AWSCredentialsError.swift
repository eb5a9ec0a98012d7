/// Why no credentials could be had: its ``Code`` says which kind of failure, the message says where and why (never
/// with a secret in it).
public struct AWSCredentialsError: Error, Equatable, CustomStringConvertible {
    /// Which kind of failure.
    public enum Code: String, Sendable, Equatable {
        /// No source in the chain is configured.
        case noCredentials
        /// A source is configured wrongly: a malformed variable, profile or URL.
        case invalidConfiguration
        /// A source answered, but not with usable credentials (an HTTP error, a malformed document).
        case invalidResponse
        /// A source could not be reached or its command failed.
        case sourceFailed
    }

    /// Which kind of failure.
    public let code: Code
    /// What went wrong, in a sentence.
    public let message: String

    /// An error from its code and message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// What went wrong, in a sentence.
    public var description: String { self.message }
}
