/// Who may call a route: anyone, or a caller with a valid JWT (holding at least one of `scopes`, when given), as the
/// API Gateway JWT authorizer checks it before the function runs.
public enum RouteAuthorization: Sendable, Hashable {
    case none
    case jwt(scopes: [String] = [])
}
