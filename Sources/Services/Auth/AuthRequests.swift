public import Cloud
public import Middleware

/// `POST /auth/register`.
public struct RegisterRequest: Codable, Sendable, Validatable {
    public var email: String
    public var password: String
    public var name: String

    public func validate(_ validator: inout Validator) {
        validator.check(self.email, "email", .emailAddress)
        validator.check(self.password, "password", .password(.standard))
        validator.check(self.name, "name", .length(1...100))
    }
}

/// `POST /auth/login`.
public struct LoginRequest: Codable, Sendable, Validatable {
    public var email: String
    public var password: String

    public func validate(_ validator: inout Validator) {
        validator.check(self.email, "email", .length(1...254))
        validator.check(self.password, "password", .length(1...PasswordPolicy.standard.maximumLength))
    }
}

/// `POST /auth/refresh` and `POST /auth/logout`.
public struct RefreshTokenRequest: Codable, Sendable, Validatable {
    public var refreshToken: String

    public func validate(_ validator: inout Validator) {
        validator.check(self.refreshToken, "refreshToken", .length(1...512))
    }
}

/// `POST /auth/forgot-password`.
public struct ForgotPasswordRequest: Codable, Sendable, Validatable {
    public var email: String

    public func validate(_ validator: inout Validator) {
        validator.check(self.email, "email", .length(1...254))
    }
}

/// `POST /auth/confirm-forgot-password`.
public struct ConfirmForgotPasswordRequest: Codable, Sendable, Validatable {
    public var email: String
    /// The six digits sent to the email.
    public var code: String
    public var newPassword: String

    public func validate(_ validator: inout Validator) {
        validator.check(self.email, "email", .length(1...254))
        validator.check(self.code, "code", .pattern("[0-9]{6}", "the six digits that were sent"))
        validator.check(self.newPassword, "newPassword", .password(.standard))
    }
}

/// What `POST /auth/register` answers.
public struct RegisteredUser: Codable, Sendable, Equatable {
    public var userId: String
    public var email: String
}

/// What `POST /auth/forgot-password` answers, whether or not the email has an account.
public struct PasswordResetRequested: Codable, Sendable, Equatable {
    public var message: String
}
