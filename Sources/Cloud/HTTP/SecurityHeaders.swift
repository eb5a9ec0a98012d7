/// The header fields that keep an API answer from being sniffed, framed, cached or leaking referrers: what every
/// answer of a function's router carries, and every answer the local gateway makes itself.
public enum SecurityHeaders {
    /// Each field's name, in lower case, and value.
    public static let fields: [(name: String, value: String)] = [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("content-security-policy", "default-src 'none'; frame-ancestors 'none'"),
        ("referrer-policy", "no-referrer"),
        ("strict-transport-security", "max-age=31536000; includeSubDomains"),
        ("cache-control", "no-store"),
    ]
}
