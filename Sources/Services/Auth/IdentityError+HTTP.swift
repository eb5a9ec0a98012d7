import Cloud
import Middleware

extension IdentityError {
    /// The answer a client gets; a weak password is filed under `passwordField`. Wrong credentials and unknown
    /// accounts read the same; a failure of the directory itself is 503 and says nothing about its cause.
    func httpError(passwordField: String = "password") -> HTTPError {
        switch self {
        case .usernameExists:
            HTTPError.conflict("An account with this email exists")
        case .invalidPassword(let reasons):
            HTTPError.unprocessable(reasons.map { FieldError(field: passwordField, reason: $0) })
        case .notAuthorized:
            HTTPError.unauthorized("Incorrect email or password")
        case .tooManyFailedAttempts(let seconds):
            HTTPError.tooManyRequests("Too many failed attempts; try again later", retryAfterSeconds: seconds)
        case .limitExceeded(let seconds):
            HTTPError.tooManyRequests("Attempt limit exceeded; try again later", retryAfterSeconds: seconds)
        case .busy(let seconds):
            HTTPError.serviceUnavailable("Too many sign-ins at once; try again shortly", retryAfterSeconds: seconds)
        case .codeMismatch:
            HTTPError.badRequest("The code is not valid for this email")
        case .expiredCode:
            HTTPError.badRequest("The code has expired; ask for a new one")
        case .userNotFound:
            HTTPError.notFound("No such user")
        case .invalidParameter(let message):
            HTTPError.badRequest(message)
        case .unavailable:
            HTTPError.serviceUnavailable("Sign-in is unavailable; try again shortly", retryAfterSeconds: 1)
        }
    }
}
