import Cloud

extension IdentityError {
    /// How long callers are told to wait after a limit Cognito states no time for (`LimitExceededException`,
    /// `TooManyFailedAttemptsException`, `TooManyRequestsException`).
    static let cognitoRetryAfterSeconds = 60

    /// The port's error for a failed Cognito call: each exception the port names becomes its case, any other refusal
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
