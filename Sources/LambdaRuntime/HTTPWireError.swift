/// Why an exchange on a blocking HTTP/1.1 connection (``BlockingSocket``, ``HTTPResponseReader``) failed: each user
/// says which server it was talking to when it reports one (the Runtime API, an AWS endpoint).
package struct HTTPWireError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure.
    package enum Kind: Sendable, Equatable {
        /// The host could not be resolved or connected to.
        case connectFailed
        /// A read or write waited longer than its time allowed.
        case timedOut
        /// The peer closed the connection in the middle of a response.
        case closed
        /// The response breaks HTTP/1.1's syntax.
        case malformed
        /// The response's head or body is over the reader's bounds.
        case tooLarge
        /// The kernel refused a read or write.
        case ioFailed
        /// The TLS session on the connection failed: a certificate refused, a protocol error.
        case tlsFailed
    }

    /// What kind of failure.
    package let kind: Kind
    /// What happened, in a sentence that does not name the server.
    package let description: String

    package init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
