public import Cloud

/// Why the gateway's JWT authorizer refused a request: 401 for a missing or invalid token, 403 for a valid one that
/// lacks the route's scope. Each answers with the `WWW-Authenticate` challenge API Gateway sends.
public enum JWTValidationError: HTTPProblemError, Sendable, Equatable {
    /// The request carries no `Authorization: Bearer` token.
    case missingToken
    /// The token is malformed, forged, expired, or not an access token of this issuer; the reason says which.
    case invalidToken(String)
    /// The token is valid but holds none of the route's scopes.
    case insufficientScope([String])

    /// 403 for a missing scope, 401 otherwise.
    public var status: ResponseStatus {
        if case .insufficientScope = self { .forbidden } else { .unauthorized }
    }

    /// The `WWW-Authenticate` challenge.
    public var headers: ResponseHeaders {
        [.wwwAuthenticate: self.challenge]
    }

    /// The `WWW-Authenticate` challenge API Gateway sends with the refusal.
    private var challenge: String {
        switch self {
        case .missingToken:
            #"Bearer"#
        case .invalidToken(let reason):
            #"Bearer scope="" error="invalid_token" error_description="\#(reason)""#
        case .insufficientScope(let scopes):
            #"Bearer scope="\#(scopes.joined(separator: " "))" error="insufficient_scope""#
        }
    }

    /// What the caller must change.
    public var detail: String {
        switch self {
        case .missingToken: "This route needs an access token: send Authorization: Bearer <token>"
        case .invalidToken(let reason): reason
        case .insufficientScope(let scopes):
            "The token has none of the scopes this route needs: \(scopes.joined(separator: ", "))"
        }
    }
}
