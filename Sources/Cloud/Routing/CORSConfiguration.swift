/// Which browser origins may call the API, and what they may send and read; the router and the local gateway both
/// answer by it.
public struct CORSConfiguration: Sendable, Equatable {
    /// Allowed origins (`https://app.example.com`), or `["*"]` for any origin without credentials.
    public var allowedOrigins: [String]
    public var allowedHeaders: [String]
    public var exposedHeaders: [String]
    public var maxAgeSeconds: Int?
    public var allowCredentials: Bool

    public init(
        allowedOrigins: [String],
        allowedHeaders: [String] = [
            "authorization", "content-type", "idempotency-key", "if-match", "x-amz-date", "x-api-key",
            "x-amz-security-token",
        ],
        exposedHeaders: [String] = ["etag", "location", "apigw-requestid"],
        maxAgeSeconds: Int? = 600,
        allowCredentials: Bool = false
    ) {
        self.allowedOrigins = allowedOrigins
        self.allowedHeaders = allowedHeaders
        self.exposedHeaders = exposedHeaders
        self.maxAgeSeconds = maxAgeSeconds
        self.allowCredentials = allowCredentials
    }

    /// The value for `access-control-allow-origin` when `origin` may call, or `nil`.
    public func allowOrigin(for origin: String) -> String? {
        if self.allowedOrigins.contains(origin) { return origin }
        if self.allowedOrigins.contains("*") && !self.allowCredentials { return "*" }
        return nil
    }

    /// The headers every answer to an allowed origin carries.
    public func responseHeaders(origin: String) -> [String: String] {
        guard let allowed = self.allowOrigin(for: origin) else { return [:] }
        var headers = ["access-control-allow-origin": allowed, "vary": "origin"]
        if !self.exposedHeaders.isEmpty {
            headers["access-control-expose-headers"] = self.exposedHeaders.joined(separator: ", ")
        }
        if self.allowCredentials { headers["access-control-allow-credentials"] = "true" }
        return headers
    }

    /// The headers of a preflight answer for `methods`.
    public func preflightHeaders(origin: String, methods: [String]) -> [String: String] {
        var headers = self.responseHeaders(origin: origin)
        guard !headers.isEmpty else { return [:] }
        headers["access-control-allow-methods"] = methods.joined(separator: ", ")
        headers["access-control-allow-headers"] = self.allowedHeaders.joined(separator: ", ")
        if let maxAgeSeconds { headers["access-control-max-age"] = String(maxAgeSeconds) }
        return headers
    }
}
