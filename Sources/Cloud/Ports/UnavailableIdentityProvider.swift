/// An identity provider that refuses every operation with one reason: the stand-in where no adapter is configured.
public struct UnavailableIdentityProvider: IdentityProvider {
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public func signUp(email: String, password: String, name: String) throws(IdentityError) -> IdentityAccount {
        throw .unavailable(self.reason)
    }

    public func deleteUser(id: String) throws(IdentityError) {
        throw .unavailable(self.reason)
    }

    public func signIn(email: String, password: String) throws(IdentityError) -> AuthenticationTokens {
        throw .unavailable(self.reason)
    }

    public func refresh(refreshToken: String) throws(IdentityError) -> AuthenticationTokens {
        throw .unavailable(self.reason)
    }

    public func revoke(refreshToken: String) throws(IdentityError) {
        throw .unavailable(self.reason)
    }

    public func forgotPassword(email: String, clientAddress: String) throws(IdentityError) {
        throw .unavailable(self.reason)
    }

    public func confirmForgotPassword(email: String, code: String, newPassword: String) throws(IdentityError) {
        throw .unavailable(self.reason)
    }

    public func addUser(email: String, toGroup group: String) throws(IdentityError) {
        throw .unavailable(self.reason)
    }

    public func removeUser(email: String, fromGroup group: String) throws(IdentityError) {
        throw .unavailable(self.reason)
    }
}
