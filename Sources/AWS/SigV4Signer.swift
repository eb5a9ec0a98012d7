import Hashing

/// Signs requests with AWS Signature Version 4, in the `Authorization` header or, for a presigned URL, in the query.
///
/// ```swift
/// let signer = SigV4Signer(credentials: credentials, region: "eu-west-1", service: "dynamodb")
/// signer.signHeaders(&request, at: AWSTimestamp(milliseconds: clock.nowMilliseconds))
/// ```
public struct SigV4Signer: Sendable {
    /// The algorithm's name as requests state it.
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// The longest a presigned URL may stay valid: seven days.
    public static let maximumPresignedLifetimeSeconds = 604_800

    /// The credentials that sign.
    public let credentials: AWSCredentials
    /// The region the request goes to, e.g. `eu-west-1`.
    public let region: String
    /// The service's signing name, e.g. `dynamodb`.
    public let service: String
    /// How the service wants its requests signed.
    public let options: SigV4Options
    /// Where the signing key is kept between requests.
    private let keys: SigV4SigningKeys

    /// A signer for `service` in `region`; `options` default to what the service expects. A client that signs
    /// request after request passes the same `keys` to each of its signers, so that the signing key is derived once
    /// a day rather than for every request.
    public init(
        credentials: AWSCredentials, region: String, service: String, options: SigV4Options? = nil,
        keys: SigV4SigningKeys = SigV4SigningKeys()
    ) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.options = options ?? .forService(service)
        self.keys = keys
    }

    /// Signs `request` in place: adds `X-Amz-Date`, the session token and, if the options ask, the payload hash, then
    /// `Authorization`. Headers an earlier signing added are replaced.
    @discardableResult
    public func signHeaders(_ request: inout SigV4Request, at time: AWSTimestamp) -> SigV4Signature {
        let replaced: Set<String> = ["authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256"]
        request.headers.removeAll { replaced.contains($0.name.lowercased()) }
        let payloadHash = self.payloadHash(of: request)
        request.headers.append(.init("X-Amz-Date", time.basicDateTime))
        if let token = self.credentials.sessionToken, !self.options.omitsSessionToken {
            request.headers.append(.init("X-Amz-Security-Token", token))
        }
        if self.options.sendsContentHash {
            request.headers.append(.init("X-Amz-Content-SHA256", payloadHash))
        }
        let canonical = CanonicalRequest(request, payloadHash: payloadHash, options: self.options)
        let signature = self.signature(of: canonical, at: time)
        let authorization =
            "\(Self.algorithm) Credential=\(self.credentials.accessKeyID)/\(self.scope(at: time)), "
            + "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature.signature)"
        request.headers.append(.init("Authorization", authorization))
        if let token = self.credentials.sessionToken, self.options.omitsSessionToken {
            request.headers.append(.init("X-Amz-Security-Token", token))
        }
        return signature
    }

    /// Presigns `request` in place: appends the `X-Amz-*` parameters and the signature to its query, so that the URL
    /// alone authorises the request for `expiresIn` seconds (1 to ``maximumPresignedLifetimeSeconds``, clamped).
    @discardableResult
    public func presign(_ request: inout SigV4Request, at time: AWSTimestamp, expiresIn: Int) -> SigV4Signature {
        let lifetime = min(max(expiresIn, 1), Self.maximumPresignedLifetimeSeconds)
        Self.removeSigningParameters(from: &request.query)
        let payloadHash = self.payloadHash(of: request)
        let headerNames = CanonicalRequest(request, payloadHash: payloadHash, options: self.options).signedHeaders
        var parameters = [
            ("X-Amz-Algorithm", Self.algorithm),
            ("X-Amz-Credential", "\(self.credentials.accessKeyID)/\(self.scope(at: time))"),
            ("X-Amz-Date", time.basicDateTime),
            ("X-Amz-SignedHeaders", headerNames),
            ("X-Amz-Expires", String(lifetime)),
        ]
        if let token = self.credentials.sessionToken, !self.options.omitsSessionToken {
            parameters.append(("X-Amz-Security-Token", token))
        }
        Self.append(parameters, to: &request.query)
        let canonical = CanonicalRequest(request, payloadHash: payloadHash, options: self.options)
        let signature = self.signature(of: canonical, at: time)
        var trailing: [(String, String)] = []
        if let token = self.credentials.sessionToken, self.options.omitsSessionToken {
            trailing.append(("X-Amz-Security-Token", token))
        }
        trailing.append(("X-Amz-Signature", signature.signature))
        Self.append(trailing, to: &request.query)
        return signature
    }

    /// The payload hash the canonical request states.
    private func payloadHash(of request: SigV4Request) -> String {
        switch self.options.payload {
        case .signed: SHA256.hex(SHA256.hash(request.body))
        case .unsigned: "UNSIGNED-PAYLOAD"
        }
    }

    /// `date/region/service/aws4_request`.
    private func scope(at time: AWSTimestamp) -> String {
        "\(time.basicDate)/\(self.region)/\(self.service)/aws4_request"
    }

    private func signature(of canonical: CanonicalRequest, at time: AWSTimestamp) -> SigV4Signature {
        let stringToSign = [Self.algorithm, time.basicDateTime, self.scope(at: time), canonical.hash]
            .joined(separator: "\n")
        let key = self.keys.key(
            secretAccessKey: self.credentials.secretAccessKey, date: time.basicDate, region: self.region,
            service: self.service)
        let signature = SHA256.hex(HMACSHA256.authenticationCode(for: stringToSign.utf8, key: key))
        return SigV4Signature(canonicalRequest: canonical.text, stringToSign: stringToSign, signature: signature)
    }

    /// Removes the `X-Amz-*` parameters an earlier presigning added, so that presigning again signs the request
    /// itself and not the last signature.
    private static func removeSigningParameters(from query: inout String) {
        let signing: Set<String> = [
            "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signedheaders", "x-amz-expires",
            "x-amz-security-token", "x-amz-signature",
        ]
        query = query.split(separator: "&").filter { parameter in
            let name = parameter.split(separator: "=", maxSplits: 1).first.map { $0.lowercased() } ?? ""
            return !signing.contains(name)
        }.joined(separator: "&")
    }

    private static func append(_ parameters: [(String, String)], to query: inout String) {
        for (name, value) in parameters {
            query += (query.isEmpty ? "" : "&") + "\(name)=\(URIEncoding.encode(value))"
        }
    }
}
