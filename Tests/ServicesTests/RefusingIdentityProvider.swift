import Cloud
import Synchronization

/// An identity provider that refuses every operation with one error, and keeps the client address each reset
/// request came from: how the auth API answers the directory's refusals.
final class RefusingIdentityProvider: IdentityProvider {
    let error: IdentityError
    private let addresses = Mutex<[String]>([])

    init(_ error: IdentityError) {
        self.error = error
    }

    /// The client addresses of the reset requests so far.
    var resetRequestAddresses: [String] { self.addresses.withLock { $0 } }

    func signUp(email: String, password: String, name: String) throws(IdentityError) -> IdentityAccount {
        throw self.error
    }
    func deleteUser(id: String) throws(IdentityError) { throw self.error }
    func signIn(email: String, password: String) throws(IdentityError) -> AuthenticationTokens { throw self.error }
    func refresh(refreshToken: String) throws(IdentityError) -> AuthenticationTokens { throw self.error }
    func revoke(refreshToken: String) throws(IdentityError) { throw self.error }

    func forgotPassword(email: String, clientAddress: String) throws(IdentityError) {
        self.addresses.withLock { $0.append(clientAddress) }
        throw self.error
    }

    func confirmForgotPassword(email: String, code: String, newPassword: String) throws(IdentityError) {
        throw self.error
    }
    func addUser(email: String, toGroup group: String) throws(IdentityError) { throw self.error }
    func removeUser(email: String, fromGroup group: String) throws(IdentityError) { throw self.error }
}
