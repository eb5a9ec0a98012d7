/// An account as the identity provider knows it: its user id (the tokens' `sub`) and its email, as the provider
/// normalised it.
public struct IdentityAccount: Sendable, Equatable {
    public var userID: String
    public var email: String

    public init(userID: String, email: String) {
        self.userID = userID
        self.email = email
    }
}
