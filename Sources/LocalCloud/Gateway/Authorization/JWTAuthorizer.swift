import Caching
import Cloud
import Crypto
import Foundation
import Hashing
public import LambdaEvents
import _CryptoExtras

/// The gateway's JWT authorizer, checking tokens as API Gateway's does: the bearer token from `Authorization`,
/// an RS256 signature by a key of the issuer's key set (by `kid`), `iss`, `aud` (or `client_id` when there is no
/// `aud`), `exp`, `nbf`, `iat`, `token_use`, and the route's scopes. It passes the claims on as strings, the way
/// `requestContext.authorizer.jwt.claims` carries them.
public struct JWTAuthorizer: Sendable {
    /// What the authorizer trusts.
    public struct Configuration: Sendable {
        public var issuer: String
        /// The accepted audiences (app client ids).
        public var audiences: Set<String>
        /// The accepted `token_use` values: access tokens only, by default.
        public var tokenUses: Set<String>

        public init(issuer: String, audiences: Set<String>, tokenUses: Set<String> = ["access"]) {
            self.issuer = issuer
            self.audiences = audiences
            self.tokenUses = tokenUses
        }
    }

    /// The largest token accepted, in bytes.
    public static let maximumTokenBytes = 8 * 1024

    public let configuration: Configuration
    public let keys: JSONWebKeySet
    /// Tokens already checked, so a repeated token costs a lookup, not an RSA verification and two JSON parses.
    private let verified: LRUCache<String, VerifiedToken>

    public init(configuration: Configuration, keys: JSONWebKeySet, cacheCapacity: Int = 4096) {
        self.configuration = configuration
        self.keys = keys
        self.verified = LRUCache(capacity: cacheCapacity)
    }

    /// A token whose signature and claims passed, and the window in which it stays valid.
    private struct VerifiedToken: Sendable {
        var jwt: APIGatewayV2Request.JWT
        /// The token's scopes, as a set: every request checks its route's against them.
        var scopes: Set<String>
        var notBefore: Int64
        var expiry: Int64
    }

    /// The authorizer's view of the request: its verified claims and scopes, or why it is refused.
    public func authorize(
        authorization header: String?,
        requiredScopes: [String],
        nowSeconds: Int64
    ) throws(JWTValidationError) -> APIGatewayV2Request.JWT {
        let token = try Self.token(from: header)
        let cached = self.verified.value(for: token) { $0.notBefore <= nowSeconds && nowSeconds < $0.expiry }
        let verified: VerifiedToken
        if let cached {
            verified = cached
        } else {
            verified = try self.verify(token, nowSeconds: nowSeconds)
        }
        guard requiredScopes.isEmpty || !verified.scopes.isDisjoint(with: requiredScopes) else {
            throw .insufficientScope(requiredScopes)
        }
        return verified.jwt
    }

    /// Checks the token's signature and claims, and remembers it when it passes.
    private func verify(_ token: String, nowSeconds: Int64) throws(JWTValidationError) -> VerifiedToken {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Base64.decode(parts[0], .url),
            let payloadBytes = Base64.decode(parts[1], .url),
            let signature = Base64.decode(parts[2], .url),
            let tokenHeader = JSONValue(parsing: headerBytes)?.objectValue,
            let claims = JSONValue(parsing: payloadBytes)?.objectValue
        else {
            throw .invalidToken("the token is malformed")
        }
        guard tokenHeader["alg"]?.stringValue == "RS256" else {
            throw .invalidToken("the token is not signed with RS256")
        }
        // RFC 7515 §4.1.11: a token whose `crit` names extensions the recipient does not understand must be refused;
        // this authorizer understands none.
        guard tokenHeader["crit"] == nil else {
            throw .invalidToken("the token names critical header extensions")
        }
        guard let kid = tokenHeader["kid"]?.stringValue, let key = self.keys.keys[kid] else {
            throw .invalidToken("the token's signing key is not one of the issuer's keys")
        }
        let signedPart = Data(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard
            key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature),
                for: SHA256.hash(data: signedPart),
                padding: .insecurePKCS1v1_5
            )
        else {
            throw .invalidToken("the token's signature is not valid")
        }
        try self.checkClaims(claims, nowSeconds: nowSeconds)
        let scopes = Self.scopes(in: claims)
        let verified = VerifiedToken(
            jwt: APIGatewayV2Request.JWT(
                claims: claims.mapValues(Self.claimText), scopes: scopes.isEmpty ? nil : scopes),
            scopes: Set(scopes),
            notBefore: Self.seconds(claims["nbf"]) ?? Self.seconds(claims["iat"]) ?? Int64.min,
            expiry: Self.seconds(claims["exp"]) ?? Int64.min
        )
        self.verified.store(verified, for: token)
        return verified
    }

    private func checkClaims(_ claims: [String: JSONValue], nowSeconds: Int64) throws(JWTValidationError) {
        guard claims["iss"]?.stringValue == self.configuration.issuer else {
            throw .invalidToken("the token does not have a valid issuer")
        }
        let audiences: [String]
        switch claims["aud"] {
        case .string(let audience)?: audiences = [audience]
        case .array(let values)?: audiences = values.compactMap(\.stringValue)
        default: audiences = claims["client_id"]?.stringValue.map { [$0] } ?? []
        }
        guard !self.configuration.audiences.isDisjoint(with: audiences) else {
            throw .invalidToken("the token does not have a valid audience")
        }
        guard let expiry = Self.seconds(claims["exp"]), expiry > nowSeconds else {
            throw .invalidToken("the token has expired")
        }
        if claims["nbf"] != nil {
            guard let notBefore = Self.seconds(claims["nbf"]), notBefore <= nowSeconds else {
                throw .invalidToken("the token is not valid yet")
            }
        }
        if claims["iat"] != nil {
            guard let issuedAt = Self.seconds(claims["iat"]), issuedAt <= nowSeconds else {
                throw .invalidToken("the token was issued in the future")
            }
        }
        guard let use = claims["token_use"]?.stringValue, self.configuration.tokenUses.contains(use) else {
            throw .invalidToken("the token is not an access token")
        }
        // The subject is the caller's identity everywhere downstream: a user id, as Cognito issues it.
        guard let subject = claims["sub"]?.stringValue, (1...256).contains(subject.utf8.count),
            !subject.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw .invalidToken("the token does not have a valid subject")
        }
    }

    /// The token in an `Authorization` header: `Bearer <token>` (the scheme in any case) or the bare token, without
    /// surrounding spaces. Read on bytes: this runs for every request to a guarded route.
    private static func token(from header: String?) throws(JWTValidationError) -> String {
        guard let header else { throw .missingToken }
        var bytes = header.utf8[...]
        bytes = bytes.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let scheme = "bearer ".utf8
        if bytes.count >= scheme.count,
            zip(bytes.prefix(scheme.count), scheme).allSatisfy({ $0 | 0x20 == $1 })
        {
            bytes = bytes.dropFirst(scheme.count).drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        }
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            bytes = bytes.dropLast()
        }
        guard !bytes.isEmpty else { throw .missingToken }
        guard bytes.count <= Self.maximumTokenBytes else { throw .invalidToken("the token is too large") }
        return String(Substring(bytes))
    }

    private static func seconds(_ value: JSONValue?) -> Int64? {
        switch value {
        case .integer(let seconds)?: seconds
        case .number(let seconds)?: Int64(exactly: seconds.rounded(.down))
        default: nil
        }
    }

    /// `scope` (space-separated) or `scp` (a list or a string).
    private static func scopes(in claims: [String: JSONValue]) -> [String] {
        switch claims["scope"] ?? claims["scp"] {
        case .string(let text)?: text.split(separator: " ").map(String.init)
        case .array(let values)?: values.compactMap(\.stringValue)
        default: []
        }
    }

    /// A claim as API Gateway passes it: text as is, lists as `[a b]`, anything else as its JSON.
    private static func claimText(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        case .number(let number): String(number)
        case .bool(let flag): String(flag)
        case .null: "null"
        case .array(let values): "[" + values.map(Self.claimText).joined(separator: " ") + "]"
        case .object: (try? JSONEncoder().encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        }
    }
}
