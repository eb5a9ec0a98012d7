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
    ///   ``IdentityError/tooManyFailedAttempts(retryAfterSeconds:)`` while the account is locked after failures.
    func signIn(email: String, password: String) async throws(IdentityError) -> AuthenticationTokens

    /// New access and id tokens for a refresh token that is valid and not revoked (no new refresh token).
    func refresh(refreshToken: String) async throws(IdentityError) -> AuthenticationTokens

    /// Revokes a refresh token; revoking an unknown or revoked token is not an error.
    func revoke(refreshToken: String) async throws(IdentityError)

    /// Sends a password-reset code to the account's email, if there is an account; the answer is the same either
    /// way, so callers learn nothing about which emails have accounts.
    func forgotPassword(email: String) async throws(IdentityError)

    /// Sets a new password with the code ``forgotPassword(email:)`` sent, and revokes every refresh token of the
    /// account.
    /// - Throws: ``IdentityError/codeMismatch`` for a wrong, used or unknown code (or email),
    ///   ``IdentityError/expiredCode``, ``IdentityError/invalidPassword(_:)``.
    func confirmForgotPassword(email: String, code: String, newPassword: String) async throws(IdentityError)

    /// Puts the account into `group`; its next tokens carry the group in `cognito:groups`.
    func addUser(email: String, toGroup group: String) async throws(IdentityError)

    /// Takes the account out of `group`.
    func removeUser(email: String, fromGroup group: String) async throws(IdentityError)
}
