/// Why the gateway's JWT authorizer refused a request: 401 for a missing or invalid token, 403 for a valid one that
/// lacks the route's scope.
public enum JWTRejection: Error, Sendable, Equatable {
    case missingToken
    case invalidToken(String)
    case insufficientScope([String])

    public var status: Int {
        if case .insufficientScope = self { 403 } else { 401 }
    }

    /// The `WWW-Authenticate` header API Gateway sends with the refusal.
    public var authenticateHeader: String {
        switch self {
        case .missingToken:
            #"Bearer"#
        case .invalidToken(let reason):
            #"Bearer scope="" error="invalid_token" error_description="\#(reason)""#
        case .insufficientScope(let scopes):
            #"Bearer scope="\#(scopes.joined(separator: " "))" error="insufficient_scope""#
        }
    }

    public var detail: String {
        switch self {
        case .missingToken: "This route needs an access token: send Authorization: Bearer <token>"
        case .invalidToken(let reason): reason
        case .insufficientScope(let scopes): "The token has none of the scopes this route needs: \(scopes.joined(separator: ", "))"
        }
    }
}
