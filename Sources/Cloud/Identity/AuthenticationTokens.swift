/// What a successful sign-in or refresh answers, in Cognito's shape.
public struct AuthenticationTokens: Sendable, Equatable, Codable {
    /// A JWT for the API (`token_use` `access`): `sub`, `client_id`, `cognito:groups`, `scope`.
    public var accessToken: String
    /// A JWT about the user (`token_use` `id`, `aud` the app client): `email`, `name`.
    public var idToken: String
    /// An opaque token that gets new access and id tokens until it expires or is revoked; only sign-in gives one.
    public var refreshToken: String?
    /// Seconds until the access token expires.
    public var expiresIn: Int
    /// How the access token is presented, always `Bearer`.
    public var tokenType: String

    /// Creates a token set; `expiresIn` is in seconds.
    public init(
        accessToken: String, idToken: String, refreshToken: String?, expiresIn: Int, tokenType: String = "Bearer"
    ) {
        self.accessToken = accessToken
        self.idToken = idToken
        self.refreshToken = refreshToken
        self.expiresIn = expiresIn
        self.tokenType = tokenType
    }
}
