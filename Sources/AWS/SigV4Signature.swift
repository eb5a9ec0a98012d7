/// What signing a request produced: the signature, and the intermediate texts for diagnosing a
/// `SignatureDoesNotMatch`. The texts are kept as the bytes that were hashed and made strings only when asked for.
public struct SigV4Signature: Sendable, Equatable {
    /// The canonical request's UTF-8 bytes.
    private let canonicalRequestBytes: [UInt8]
    /// The string to sign's UTF-8 bytes.
    private let stringToSignBytes: [UInt8]
    /// The signature, 64 lower-case hexadecimal digits.
    public let signature: String

    init(canonicalRequest: [UInt8], stringToSign: [UInt8], signature: String) {
        self.canonicalRequestBytes = canonicalRequest
        self.stringToSignBytes = stringToSign
        self.signature = signature
    }

    /// The canonical request (method, path, query, headers, signed header names, payload hash).
    public var canonicalRequest: String { String(decoding: self.canonicalRequestBytes, as: UTF8.self) }
    /// The string to sign (algorithm, time, scope, hash of the canonical request).
    public var stringToSign: String { String(decoding: self.stringToSignBytes, as: UTF8.self) }
}

extension SigV4Signature: CustomStringConvertible, CustomDebugStringConvertible {
    /// The signature and the string to sign; the canonical request is left out, since it may hold the session token.
    public var description: String {
        "SigV4Signature(signature: \(self.signature), stringToSign: \(self.stringToSign.debugDescription))"
    }

    /// The same as ``description``: nothing that may hold a secret is printed, in a debugger either.
    public var debugDescription: String { self.description }
}
