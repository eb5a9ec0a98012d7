package import Cloud
package import Middleware
package import Observability

/// The auth function: registration, sign-in, token refresh and revocation, and password reset, in front of the
/// identity provider. Every route is open (it is how a caller gets a token); registration also creates the user's
/// profile and its `UserRegistered` event. With `metrics`, it records `UserRegistered` and `LoginFailed` (by
/// `reason`: `credentials` or `throttled`).
///
/// Guessing is bounded everywhere: sign-ins are throttled per email (429 with `Retry-After`), a full password-hashing
/// queue answers 503 with `Retry-After` at once, reset codes are limited per email and per client address (the
/// event's `sourceIp`), and failed confirmations per account (429). `POST /auth/confirm-forgot-password` answers one
/// 400 for every wrong case (a wrong code, an unknown email, no code, a used or replaced code), as Cognito's
/// `CodeMismatchException`; only the right code of a known account past its 15 minutes, within a day, is told
/// apart as expired (Cognito's `ExpiredCodeException`).
package struct AuthAPI: HTTPAPI {
    package let router: HTTPRouter

    /// Accounts in `identity`, their profiles kept in `store` and stamped with `clock`'s time.
    package init(
        identity: any IdentityProvider, store: any ItemStore, clock: any Clock = SystemClock(),
        metrics: EMFMetrics? = nil
    ) {
        let profiles = ProfileRepository(store: store, clock: clock)
        self.router = HTTPRouter {
            Route(
                .post, "/auth/register", summary: "Create an account", status: 201, body: RegisterRequest.self,
                errors: [409, 503]
            ) { _, body, context in
                let account = try await Self.call(context) { () async throws(IdentityError) in
                    try await identity.signUp(email: body.email, password: body.password, name: body.name)
                }
                do {
                    _ = try await profiles.create(userID: account.userID, email: account.email, name: body.name)
                } catch {
                    // Without its profile the account would be half made: take it back, so the email can register again.
                    try? await identity.deleteUser(id: account.userID)
                    throw error
                }
                try? metrics?.add("UserRegistered", value: 1)
                return APIResponse(
                    headers: [.location: "/users/me"],
                    body: RegisteredUser(userId: account.userID, email: account.email))
            }
            Route(
                .post, "/auth/login", summary: "Sign in with email and password", body: LoginRequest.self,
                errors: [401, 429, 503]
            ) { _, body, context in
                APIResponse(
                    body: try await Self.call(context) { () async throws(IdentityError) in
                        do throws(IdentityError) {
                            return try await identity.signIn(email: body.email, password: body.password)
                        } catch {
                            if let reason = Self.loginFailureReason(error) {
                                try? metrics?.add("LoginFailed", value: 1, dimensions: [("reason", reason)])
                            }
                            throw error
                        }
                    })
            }
            Route(
                .post, "/auth/refresh", summary: "New access and id tokens for a refresh token",
                body: RefreshTokenRequest.self, errors: [401, 503]
            ) { _, body, context in
                do throws(IdentityError) {
                    return APIResponse(body: try await identity.refresh(refreshToken: body.refreshToken))
                } catch .notAuthorized {
                    throw HTTPError.unauthorized("The refresh token is not valid")
                } catch {
                    throw Self.answer(error, context: context)
                }
            }
            Route(
                .post, "/auth/logout", summary: "Revoke a refresh token", status: 204,
                body: RefreshTokenRequest.self, errors: [503]
            ) { _, body, context in
                try await Self.call(context) { () async throws(IdentityError) in
                    try await identity.revoke(refreshToken: body.refreshToken)
                }
                return .noContent()
            }
            Route(
                .post, "/auth/forgot-password", summary: "Send a password reset code to the email", status: 202,
                body: ForgotPasswordRequest.self, errors: [429, 503]
            ) { request, body, context in
                try await Self.call(context) { () async throws(IdentityError) in
                    try await identity.forgotPassword(
                        email: body.email, clientAddress: request.event.requestContext.http.sourceIp)
                }
                return APIResponse(
                    body: PasswordResetRequested(
                        message: "If an account has this email, a reset code is on its way"))
            }
            Route(
                .post, "/auth/confirm-forgot-password", summary: "Set a new password with the code that was sent",
                status: 204, body: ConfirmForgotPasswordRequest.self, errors: [429, 503]
            ) { _, body, context in
                do throws(IdentityError) {
                    try await identity.confirmForgotPassword(
                        email: body.email, code: body.code, newPassword: body.newPassword)
                } catch {
                    throw Self.answer(error, passwordField: "newPassword", context: context)
                }
                return .noContent()
            }
        }
    }

    /// Runs an identity operation, answering its failure as the HTTP error a client should see.
    private static func call<T>(
        _ context: LambdaContext,
        _ operation: () async throws(IdentityError) -> T
    ) async throws(HTTPError) -> T {
        do {
            return try await operation()
        } catch {
            throw Self.answer(error, context: context)
        }
    }

    /// The client's answer to `error`; a failing directory is logged with its cause, which the client never sees.
    /// How a failed sign-in counts in `LoginFailed`: wrong credentials, or refused by the throttle; other failures
    /// (the directory unavailable) are not failed logins.
    private static func loginFailureReason(_ error: IdentityError) -> String? {
        switch error {
        case .notAuthorized, .userNotFound: "credentials"
        case .tooManyFailedAttempts: "throttled"
        default: nil
        }
    }

    private static func answer(_ error: IdentityError, passwordField: String = "password", context: LambdaContext)
        -> HTTPError
    {
        if case .unavailable(let cause) = error {
            context.logger.error("The identity provider failed", metadata: ["error.message": "\(cause)"])
        }
        return error.httpError(passwordField: passwordField)
    }
}
