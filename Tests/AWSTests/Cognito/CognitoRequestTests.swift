import Cloud
import JSONCoding
import Testing

@testable import AWS

/// What ``CognitoIdentityProvider`` sends and how it reads Cognito's errors, against a scripted transport.
struct CognitoRequestTests {
    private static func provider(_ transport: ScriptedTransport) throws -> CognitoIdentityProvider {
        CognitoIdentityProvider(
            client: try scriptedClient(.cognitoIdentityProvider, transport), userPoolID: "pool-1", clientID: "app-1")
    }

    @Test func signUpConfirmsTheAccountAtOnceUnderItsNormalisedEmail() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.ok(#"{"UserConfirmed":false,"UserSub":"sub-1"}"#), ScriptedTransport.ok("{}"),
        ])
        let account = try await Self.provider(transport).signUp(
            email: "  Ada@Example.COM ", password: "Passw0rd-x", name: "Ada")
        #expect(account == IdentityAccount(userID: "sub-1", email: "ada@example.com"))
        #expect(transport.requests.map(\.operation) == ["SignUp", "AdminConfirmSignUp"])
        let signUp = try #require(transport.requests[0].input)
        #expect(signUp["ClientId"] == "app-1")
        #expect(signUp["Username"] == "ada@example.com")
        #expect(
            signUp["UserAttributes"] == [
                ["Name": "email", "Value": "ada@example.com"], ["Name": "name", "Value": "Ada"],
            ])
        let confirm = try #require(transport.requests[1].input)
        #expect(confirm["UserPoolId"] == "pool-1")
        #expect(confirm["Username"] == "ada@example.com")
    }

    @Test func aWeakPasswordIsRefusedWithEveryReasonBeforeAnyCall() async throws {
        let transport = ScriptedTransport([])
        await #expect(throws: IdentityError.invalidPassword(PasswordPolicy.standard.violations(of: "weak"))) {
            _ = try await Self.provider(transport).signUp(email: "a@example.com", password: "weak", name: "A")
        }
        #expect(transport.requests.isEmpty)
    }

    @Test func unknownUsersAreHiddenWhereThePortSaysSo() async throws {
        let transport = ScriptedTransport(
            Array(repeating: ScriptedTransport.error(400, "UserNotFoundException"), count: 4))
        let provider = try Self.provider(transport)
        await #expect(throws: IdentityError.notAuthorized) {
            _ = try await provider.signIn(email: "nobody@example.com", password: "Passw0rd-x")
        }
        try await provider.forgotPassword(email: "nobody@example.com", clientAddress: "192.0.2.1")
        await #expect(throws: IdentityError.codeMismatch) {
            try await provider.confirmForgotPassword(email: "nobody@example.com", code: "1", newPassword: "Passw0rd-y")
        }
        try await provider.deleteUser(id: "sub-gone")
        #expect(
            transport.requests.map(\.operation) == [
                "InitiateAuth", "ForgotPassword", "ConfirmForgotPassword", "AdminDeleteUser",
            ])
        #expect(transport.requests[1].input?["UserContextData"] == ["IpAddress": "192.0.2.1"])
    }

    @Test func aMissingGroupIsCreatedAndTheUserAddedAgain() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.error(400, "ResourceNotFoundException"),
            ScriptedTransport.error(400, "GroupExistsException"),
            ScriptedTransport.ok("{}"),
        ])
        try await Self.provider(transport).addUser(email: "a@example.com", toGroup: "admins")
        #expect(transport.requests.map(\.operation) == ["AdminAddUserToGroup", "CreateGroup", "AdminAddUserToGroup"])
        #expect(transport.requests[1].input?["GroupName"] == "admins")
    }

    @Test(arguments: [
        ("UsernameExistsException", 400, IdentityError.usernameExists),
        ("NotAuthorizedException", 400, .notAuthorized),
        (
            "NotAuthorizedException", 400,
            .tooManyFailedAttempts(retryAfterSeconds: IdentityError.cognitoRetryAfterSeconds)
        ),
        ("UserNotFoundException", 400, .userNotFound),
        ("InvalidPasswordException", 400, .invalidPassword(["InvalidPasswordException"])),
        ("CodeMismatchException", 400, .codeMismatch),
        ("ExpiredCodeException", 400, .expiredCode),
        ("TooManyRequestsException", 400, .busy(retryAfterSeconds: IdentityError.cognitoRetryAfterSeconds)),
        ("LimitExceededException", 400, .limitExceeded(retryAfterSeconds: IdentityError.cognitoRetryAfterSeconds)),
        ("InvalidParameterException", 400, .invalidParameter("bad group")),
        ("InternalErrorException", 500, .unavailable("InternalErrorException: boom (HTTP 500)")),
    ])
    func cognitosErrorsBecomeThePortsCodes(code: String, status: Int, expected: IdentityError) {
        let message: String
        switch expected {
        case .invalidParameter(let text): message = text
        case .unavailable: message = "boom"
        case .tooManyFailedAttempts: message = IdentityError.cognitoLockoutMessage
        default: message = code
        }
        let error = AWSServiceError(.service, code: code, message: message, status: status)
        #expect(IdentityError(cognito: error) == expected)
    }

    @Test func aServiceThatCannotBeReachedIsUnavailable() {
        let error = IdentityError(cognito: AWSServiceError(.unreachable, message: "connection refused"))
        guard case .unavailable = error else {
            Issue.record("expected unavailable, got \(error)")
            return
        }
    }
}
