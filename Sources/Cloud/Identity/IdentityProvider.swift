/// The port to the user directory (Cognito on AWS, the local identity provider in the local cloud): accounts with an
/// email and a password, groups, and the tokens that prove who a caller is.
///
/// Implementations keep passwords only as slow salted hashes, answer a wrong password and an unknown account the
/// same way, slow down repeated failed sign-ins for one account, and deliver password-reset codes out of band.
public protocol IdentityProvider: Sendable {
    /// Creates an account and returns it, with its new user id (the tokens' `sub`).
    /// - Throws: ``IdentityError/usernameExists`` when the email has an account, ``IdentityError/invalidPassword(_:)``
    ///   when the password breaks the policy.
    func signUp(email: String, password: String, name: String) async throws(IdentityError) -> IdentityAccount

    /// Deletes an account and revokes its refresh tokens; an unknown id is not an error.
    func deleteUser(id: String) async throws(IdentityError)

    /// Checks the password and answers a fresh set of tokens.
    /// - Throws: ``IdentityError/notAuthorized`` for a wrong password or an unknown email alike,
    ///   ``IdentityError/tooManyFailedAttempts(retryAfterSeconds:)`` while the account is locked after failures,
    ///   ``IdentityError/busy(retryAfterSeconds:)`` when too many passwords are being checked at once.
    func signIn(email: String, password: String) async throws(IdentityError) -> AuthenticationTokens

    /// New access and id tokens for a refresh token that is valid and not revoked (no new refresh token).
    func refresh(refreshToken: String) async throws(IdentityError) -> AuthenticationTokens

    /// Revokes a refresh token; revoking an unknown or revoked token is not an error.
    func revoke(refreshToken: String) async throws(IdentityError)

    /// Sends a password-reset code to the account's email, if there is an account; the answer (and the time it
    /// takes) is the same either way, so callers learn nothing about which emails have accounts. `clientAddress` is
    /// the caller's IP address, which requests are limited by as well as by email.
    /// - Throws: ``IdentityError/limitExceeded(retryAfterSeconds:)`` when the email or the address asked too often.
    func forgotPassword(email: String, clientAddress: String) async throws(IdentityError)

    /// Sets a new password with the code ``forgotPassword(email:clientAddress:)`` sent, and revokes every refresh
    /// token of the account.
    ///
    /// As Cognito does, one error answers every wrong case alike (a wrong code, an unknown email, no code sent, a
    /// code used or replaced by a newer one); only the expiry of a known account's code is told apart, for a day after
    /// it expired. Failed confirmations are counted per account across reissued codes.
    /// - Throws: ``IdentityError/codeMismatch`` for every wrong case, ``IdentityError/expiredCode``,
    ///   ``IdentityError/limitExceeded(retryAfterSeconds:)`` after too many failed confirmations,
    ///   ``IdentityError/invalidPassword(_:)``.
    func confirmForgotPassword(email: String, code: String, newPassword: String) async throws(IdentityError)

    /// Puts the account into `group`; its next tokens carry the group in `cognito:groups`.
    func addUser(email: String, toGroup group: String) async throws(IdentityError)

    /// Takes the account out of `group`.
    func removeUser(email: String, fromGroup group: String) async throws(IdentityError)
}
