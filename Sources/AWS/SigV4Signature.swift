/// What signing a request produced: the intermediate texts, kept for diagnosing a `SignatureDoesNotMatch`, and the
/// signature.
public struct SigV4Signature: Sendable, Equatable {
    /// The canonical request (method, path, query, headers, signed header names, payload hash).
    public let canonicalRequest: String
    /// The string to sign (algorithm, time, scope, hash of the canonical request).
    public let stringToSign: String
    /// The signature, 64 lower-case hexadecimal digits.
    public let signature: String
}

extension SigV4Signature: CustomStringConvertible, CustomDebugStringConvertible {
    /// The signature and the string to sign; the canonical request is left out, since it may hold the session token.
    public var description: String {
        "SigV4Signature(signature: \(self.signature), stringToSign: \(self.stringToSign.debugDescription))"
    }

    /// The same as ``description``: nothing that may hold a secret is printed, in a debugger either.
    public var debugDescription: String { self.description }
}
