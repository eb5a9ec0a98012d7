/// Why an identity operation failed; each case matches the Cognito error that code must be ready for.
public enum IdentityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The email already has an account (`UsernameExistsException`).
    case usernameExists
    /// The password breaks the policy, for these reasons (`InvalidPasswordException`).
    case invalidPassword([String])
    /// The credentials or the token are not valid (`NotAuthorizedException`); never says which part was wrong.
    case notAuthorized
    /// Too many failed sign-ins for the account; try again after this many seconds.
    case tooManyFailedAttempts(retryAfterSeconds: Int)
    /// Too many password-reset requests or failed confirmations for the account or the caller
    /// (`LimitExceededException`); try again after this many seconds.
    case limitExceeded(retryAfterSeconds: Int)
    /// The directory has more password checks queued than it takes on; try again after this many seconds
    /// (`TooManyRequestsException`).
    case busy(retryAfterSeconds: Int)
    /// The confirmation code is wrong, used, or was never sent (`CodeMismatchException`).
    case codeMismatch
    /// The confirmation code is past its lifetime (`ExpiredCodeException`).
    case expiredCode
    /// No account has this email or id (`UserNotFoundException`); only administrative operations say so.
    case userNotFound
    /// A parameter is malformed, e.g. a group name (`InvalidParameterException`).
    case invalidParameter(String)
    /// The directory cannot be reached or failed; the message is for logs, not for callers.
    case unavailable(String)

    /// The failure in a sentence; for ``unavailable(_:)`` it includes the message, which is meant for logs.
    public var description: String {
        switch self {
        case .usernameExists: "An account with this email exists"
        case .invalidPassword(let reasons): "The password is too weak: \(reasons.joined(separator: "; "))"
        case .notAuthorized: "Incorrect email or password"
        case .tooManyFailedAttempts(let seconds): "Too many failed attempts; try again in \(seconds) s"
        case .limitExceeded(let seconds): "Attempt limit exceeded; try again in \(seconds) s"
        case .busy(let seconds): "Too many requests; try again in \(seconds) s"
        case .codeMismatch: "The code is not valid"
        case .expiredCode: "The code has expired"
        case .userNotFound: "No such user"
        case .invalidParameter(let message): message
        case .unavailable(let message): "The identity provider is unavailable: \(message)"
        }
    }
}
