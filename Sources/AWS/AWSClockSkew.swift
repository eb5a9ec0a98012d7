/// Which errors say a request's signing time was too far from the server's, as the SDKs list them, and how far off
/// the clock must be before it is corrected (Signature Version 4 allows five minutes either way).
enum AWSClockSkew {
    /// The error codes services answer a skewed signature with.
    static let errorCodes: Set<String> = [
        "RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture", "InvalidSignatureException",
        "SignatureDoesNotMatch", "AuthFailure",
    ]
    /// How far our clock may be from the server's before a skew error corrects it: a minute, well inside the five
    /// minutes signatures allow, so that a signature refused for another reason is not retried.
    static let toleranceMilliseconds: Int64 = 60_000

    /// Whether `error` is one a skewed clock causes.
    static func isSkewError(_ error: AWSServiceError) -> Bool {
        Self.errorCodes.contains(error.code)
    }
}
