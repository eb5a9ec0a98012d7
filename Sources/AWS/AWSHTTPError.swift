/// Why an HTTP exchange with an AWS endpoint failed before any answer came back.
public struct AWSHTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Equatable {
        /// The client's settings are unusable, e.g. `AWS_CA_BUNDLE` names no PEM certificates.
        case invalidConfiguration
        /// No connection could be opened.
        case connectionFailed
        /// The TLS handshake failed, most often because the server's certificate is not trusted.
        case tlsFailed
        /// The connection closed before the whole answer arrived.
        case connectionClosed
        /// No complete answer arrived within the timeout.
        case timedOut
        /// The answer was larger than the client accepts.
        case responseTooLarge
    }

    /// What went wrong.
    public let code: Code
    /// The details, in a sentence.
    public let message: String

    /// An error with `code`, described by `message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The code followed by the message.
    public var description: String { "\(self.code.rawValue): \(self.message)" }
}
