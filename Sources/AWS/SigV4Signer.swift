import Hashing
import LambdaRuntime

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
        if request.headers.contains(where: Self.isAddedByRequestSigning) {
            request.headers.removeAll(where: Self.isAddedByRequestSigning)
        }
        request.headers.reserveCapacity(request.headers.count + Self.addedHeaderNames.count)
        let scope = SigV4SigningScope(time: time, region: self.region, service: self.service)
        request.headers.append(.init("X-Amz-Date", scope.dateTime))
        if let token = self.credentials.sessionToken, !self.options.omitsSessionToken {
            request.headers.append(.init("X-Amz-Security-Token", token))
        }
        return self.withPayloadHash(of: request.body) { payloadHash in
            if self.options.sendsContentHash {
                request.headers.append(.init("X-Amz-Content-SHA256", String(decoding: payloadHash, as: UTF8.self)))
            }
            let canonical = CanonicalRequest(request, payloadHash: payloadHash, options: self.options)
            let signature = self.signature(of: canonical, in: scope)
            request.headers.append(
                .init("Authorization", self.authorization(for: canonical, in: scope, signature: signature.signature)))
            if let token = self.credentials.sessionToken, self.options.omitsSessionToken {
                request.headers.append(.init("X-Amz-Security-Token", token))
            }
            return signature
        }
    }

    /// Presigns `request` in place: appends the `X-Amz-*` parameters and the signature to its query, so that the URL
    /// alone authorises the request for `expiresIn` seconds (1 to ``maximumPresignedLifetimeSeconds``, clamped).
    @discardableResult
    public func presign(_ request: inout SigV4Request, at time: AWSTimestamp, expiresIn: Int) -> SigV4Signature {
        let lifetime = min(max(expiresIn, 1), Self.maximumPresignedLifetimeSeconds)
        Self.removeSigningParameters(from: &request.query)
        let scope = SigV4SigningScope(time: time, region: self.region, service: self.service)
        return self.withPayloadHash(of: request.body) { payloadHash in
            let headerNames = CanonicalRequest(request, payloadHash: payloadHash, options: self.options).signedHeaders
            var parameters = [
                ("X-Amz-Algorithm", Self.algorithm),
                ("X-Amz-Credential", "\(self.credentials.accessKeyID)/\(scope.text)"),
                ("X-Amz-Date", scope.dateTime),
                ("X-Amz-SignedHeaders", headerNames),
                ("X-Amz-Expires", String(lifetime)),
            ]
            if let token = self.credentials.sessionToken, !self.options.omitsSessionToken {
                parameters.append(("X-Amz-Security-Token", token))
            }
            Self.append(parameters, to: &request.query)
            let canonical = CanonicalRequest(request, payloadHash: payloadHash, options: self.options)
            let signature = self.signature(of: canonical, in: scope)
            var trailing: [(String, String)] = []
            if let token = self.credentials.sessionToken, self.options.omitsSessionToken {
                trailing.append(("X-Amz-Security-Token", token))
            }
            trailing.append(("X-Amz-Signature", signature.signature))
            Self.append(trailing, to: &request.query)
            return signature
        }
    }

    /// The headers ``signHeaders(_:at:)`` adds, lower-case: those a request already has are replaced.
    private static let addedHeaderNames = [
        "authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256",
    ]

    /// Whether `header` is one that ``signHeaders(_:at:)`` adds.
    private static func isAddedByRequestSigning(_ header: SigV4Request.Header) -> Bool {
        Self.addedHeaderNames.contains { SigV4HeaderName.equal(header.name, lowerCased: $0) }
    }

    /// Calls `body` with the payload hash the canonical request states for `payload`, in a buffer on the stack.
    private func withPayloadHash<Result>(
        of payload: [UInt8], _ body: (UnsafeRawBufferPointer) -> Result
    ) -> Result {
        switch self.options.payload {
        case .signed:
            withUnsafeTemporaryAllocation(byteCount: SHA256.digestByteCount * 2, alignment: 1) { hash in
                payload.withUnsafeBytes { SHA256.writeHexDigest(of: $0, to: hash) }
                return body(UnsafeRawBufferPointer(hash))
            }
        case .unsigned:
            body(
                UnsafeRawBufferPointer(
                    start: Self.unsignedPayload.utf8Start, count: Self.unsignedPayload.utf8CodeUnitCount))
        }
    }

    /// What the canonical request states instead of the payload's hash when the payload is not signed.
    private static let unsignedPayload: StaticString = "UNSIGNED-PAYLOAD"

    /// The string to sign for `canonical` and its HMAC under the day's signing key.
    private func signature(of canonical: CanonicalRequest, in scope: SigV4SigningScope) -> SigV4Signature {
        let stringToSign = [UInt8](
            unsafeUninitializedCapacity: Self.algorithm.utf8.count + scope.dateTime.utf8.count + scope.textByteCount
                + 3 + SHA256.digestByteCount * 2
        ) { output, count in
            var writer = UTF8BufferWriter(output)
            writer.write(Self.algorithm)
            writer.write(UInt8(ascii: "\n"))
            writer.write(scope.dateTime)
            writer.write(UInt8(ascii: "\n"))
            scope.writeText(to: &writer)
            writer.write(UInt8(ascii: "\n"))
            writer.write(byteCount: SHA256.digestByteCount * 2) { hash in
                canonical.bytes.withUnsafeBytes { SHA256.writeHexDigest(of: $0, to: hash) }
            }
            count = writer.count
        }
        let key = self.keys.key(
            secretAccessKey: self.credentials.secretAccessKey, date: scope.date, region: self.region,
            service: self.service)
        let signature = withUnsafeTemporaryAllocation(byteCount: SHA256.digestByteCount, alignment: 1) { code in
            stringToSign.withUnsafeBytes { key.authenticate($0, into: code) }
            return SHA256.hex(UnsafeRawBufferPointer(code))
        }
        return SigV4Signature(canonicalRequest: canonical.bytes, stringToSign: stringToSign, signature: signature)
    }

    /// `AWS4-HMAC-SHA256 Credential=<key id>/<scope>, SignedHeaders=<names>, Signature=<signature>`, written in one
    /// piece.
    private func authorization(
        for canonical: CanonicalRequest, in scope: SigV4SigningScope, signature: String
    ) -> String {
        let credential: StaticString = " Credential="
        let signedHeaders: StaticString = ", SignedHeaders="
        let signatureLabel: StaticString = ", Signature="
        let byteCount =
            Self.algorithm.utf8.count + credential.utf8CodeUnitCount + self.credentials.accessKeyID.utf8.count + 1
            + scope.textByteCount + signedHeaders.utf8CodeUnitCount + canonical.signedHeadersRange.count
            + signatureLabel.utf8CodeUnitCount + signature.utf8.count
        return String(unsafeUninitializedCapacity: byteCount) { output in
            var writer = UTF8BufferWriter(output)
            writer.write(Self.algorithm)
            writer.write(credential)
            writer.write(self.credentials.accessKeyID)
            writer.write(UInt8(ascii: "/"))
            scope.writeText(to: &writer)
            writer.write(signedHeaders)
            canonical.bytes.withUnsafeBytes { bytes in
                writer.write(UnsafeRawBufferPointer(rebasing: bytes[canonical.signedHeadersRange]))
            }
            writer.write(signatureLabel)
            writer.write(signature)
            return writer.count
        }
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
