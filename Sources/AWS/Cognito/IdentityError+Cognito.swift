import Cloud

extension IdentityError {
    /// How long callers are told to wait after a limit Cognito states no time for (`LimitExceededException`,
    /// `TooManyFailedAttemptsException`, `TooManyRequestsException`).
    static let cognitoRetryAfterSeconds = 60
    /// The message of the `NotAuthorizedException` a user pool answers while it locks a user out after failed
    /// sign-ins (five, then each further one, for a time that doubles from a second up to about fifteen minutes).
    static let cognitoLockoutMessage = "Password attempts exceeded"

    /// The port's error for a failed Cognito call: each exception the port names becomes its case (a lockout after
    /// failed sign-ins, a `NotAuthorizedException` of its own message, ``tooManyFailedAttempts(retryAfterSeconds:)``,
    /// as the local provider's lockout), any other refusal
    /// of the request (a status below 500) ``invalidParameter(_:)`` with Cognito's message, and everything else, a
    /// service that could not be reached, timed out or failed on its side, ``unavailable(_:)``.
    init(cognito error: AWSServiceError) {
        guard error.kind == .service else {
            self = .unavailable(error.description)
            return
        }
        switch error.code {
        case "UsernameExistsException", "AliasExistsException": self = .usernameExists
        case "InvalidPasswordException": self = .invalidPassword([error.message])
        case "NotAuthorizedException" where error.message == Self.cognitoLockoutMessage:
            self = .tooManyFailedAttempts(retryAfterSeconds: Self.cognitoRetryAfterSeconds)
        case "NotAuthorizedException": self = .notAuthorized
        case "UserNotFoundException": self = .userNotFound
        case "CodeMismatchException": self = .codeMismatch
        case "ExpiredCodeException": self = .expiredCode
        case "LimitExceededException": self = .limitExceeded(retryAfterSeconds: Self.cognitoRetryAfterSeconds)
        case "TooManyFailedAttemptsException":
            self = .tooManyFailedAttempts(retryAfterSeconds: Self.cognitoRetryAfterSeconds)
        case "TooManyRequestsException": self = .busy(retryAfterSeconds: Self.cognitoRetryAfterSeconds)
        default:
            let refused = (error.status ?? 500) < 500
            self = refused ? .invalidParameter(error.message) : .unavailable(error.description)
        }
    }
}
