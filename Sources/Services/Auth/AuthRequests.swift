import Cloud
package import Middleware

/// `POST /auth/register`.
package struct RegisterRequest: Codable, Sendable, Validatable {
    package var email: String
    package var password: String
    package var name: String

    package func validate(_ validator: inout Validator) {
        validator.check(self.email, "email", .emailAddress)
        validator.check(self.password, "password", .password(.standard))
        validator.check(self.name, "name", .length(1...100), .plainText)
    }
}

/// `POST /auth/login`.
package struct LoginRequest: Codable, Sendable, Validatable {
    package var email: String
    package var password: String

    package func validate(_ validator: inout Validator) {
        validator.check(self.email, "email", .length(1...254))
        validator.check(self.password, "password", .length(1...PasswordPolicy.standard.maximumLength))
    }
}

/// `POST /auth/refresh` and `POST /auth/logout`.
package struct RefreshTokenRequest: Codable, Sendable, Validatable {
    package var refreshToken: String

    package func validate(_ validator: inout Validator) {
        validator.check(self.refreshToken, "refreshToken", .length(1...512))
    }
}

/// `POST /auth/forgot-password`.
package struct ForgotPasswordRequest: Codable, Sendable, Validatable {
    package var email: String

    package func validate(_ validator: inout Validator) {
        validator.check(self.email, "email", .length(1...254))
    }
}

/// `POST /auth/confirm-forgot-password`.
package struct ConfirmForgotPasswordRequest: Codable, Sendable, Validatable {
    package var email: String
    /// The six digits sent to the email.
    package var code: String
    package var newPassword: String

    package func validate(_ validator: inout Validator) {
        validator.check(self.email, "email", .length(1...254))
        validator.check(self.code, "code", Self.codeRule)
        validator.check(self.newPassword, "newPassword", .password(.standard))
    }

    /// Compiled once, not at every request.
    private static let codeRule = ValidationRule<String>.pattern("[0-9]{6}", "the six digits that were sent")
}

/// What `POST /auth/register` answers.
package struct RegisteredUser: Codable, Sendable, Equatable {
    package var userId: String
    package var email: String
}

/// What `POST /auth/forgot-password` answers, whether or not the email has an account.
package struct PasswordResetRequested: Codable, Sendable, Equatable {
    package var message: String
}
