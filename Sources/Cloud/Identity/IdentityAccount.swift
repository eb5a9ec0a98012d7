/// An account as the identity provider knows it: its user id (the tokens' `sub`) and its email, as the provider
/// normalised it.
public struct IdentityAccount: Sendable, Equatable {
    /// The account's stable ID, the tokens' `sub` claim.
    public var userID: String
    /// The account's email, normalised by the provider (trimmed, lower-cased).
    public var email: String

    /// Creates an account record.
    public init(userID: String, email: String) {
        self.userID = userID
        self.email = email
    }
}
