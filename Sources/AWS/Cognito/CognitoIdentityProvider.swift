public import Cloud
import JSONCoding

/// The ``IdentityProvider`` port on an Amazon Cognito user pool, over its JSON protocol, for an app client without a
/// client secret that allows `USER_PASSWORD_AUTH` and `REFRESH_TOKEN_AUTH`.
///
/// Accounts are named by their email (the pool's username attribute), trimmed and lower-cased as the local provider
/// does. Sign-up lets the user sign in at once, as the local provider does: `SignUp` is followed by
/// `AdminConfirmSignUp`, so no confirmation email is needed. That call, like the group and delete operations
/// (`AdminAddUserToGroup`, `AdminRemoveUserFromGroup`, `CreateGroup`, `AdminDeleteUser`), needs AWS credentials
/// allowed to administer the pool (`cognito-idp:Admin*`, `cognito-idp:CreateGroup`); the other operations are the
/// app client's public ones.
///
/// Passwords are checked against the ``PasswordPolicy`` before they are sent, so callers get every broken rule; the
/// pool's own policy should be the same or weaker. Cognito keeps the password hashes, throttles sign-ins and mails
/// reset codes.
///
/// ```swift
/// let client = try AWSJSONClient(service: .cognitoIdentityProvider, region: region, credentials: chain,
///                                environment: .process, httpClient: http)
/// let identity = CognitoIdentityProvider(client: client, userPoolID: poolID, clientID: appClientID)
/// ```
public struct CognitoIdentityProvider: IdentityProvider {
    private let client: AWSJSONClient
    private let userPoolID: String
    private let clientID: String
    private let policy: PasswordPolicy

    /// Accounts in the pool `userPoolID`, reached through `client` (a client for
    /// ``AWSServiceDescription/cognitoIdentityProvider``) as the app client `clientID`.
    public init(client: AWSJSONClient, userPoolID: String, clientID: String, policy: PasswordPolicy = .standard) {
        self.client = client
        self.userPoolID = userPoolID
        self.clientID = clientID
        self.policy = policy
    }

    /// `SignUp` with the `email` and `name` attributes, then `AdminConfirmSignUp` so the account can sign in at once.
    public func signUp(email: String, password: String, name: String) async throws(IdentityError) -> IdentityAccount {
        let email = Self.normalized(email)
        try self.checkPolicy(password)
        let output = try await self.call(
            "SignUp",
            [
                "ClientId": .string(self.clientID), "Username": .string(email), "Password": .string(password),
                "UserAttributes": [
                    ["Name": "email", "Value": .string(email)], ["Name": "name", "Value": .string(name)],
                ],
            ])
        guard let userID = output["UserSub"]?.stringValue else {
            throw .unavailable("Cognito answered a sign-up without the user's sub")
        }
        _ = try await self.call(
            "AdminConfirmSignUp", ["UserPoolId": .string(self.userPoolID), "Username": .string(email)])
        return IdentityAccount(userID: userID, email: email)
    }

    /// `AdminDeleteUser` by the user's sub; an unknown user is not an error. Cognito refuses the refresh tokens of a
    /// deleted user.
    public func deleteUser(id: String) async throws(IdentityError) {
        do throws(IdentityError) {
            _ = try await self.call(
                "AdminDeleteUser", ["UserPoolId": .string(self.userPoolID), "Username": .string(id)])
        } catch .userNotFound {
            return
        }
    }

    /// `InitiateAuth` with `USER_PASSWORD_AUTH`; an unknown email is refused as a wrong password is (Cognito says
    /// `UserNotFoundException` unless the pool prevents user existence errors).
    public func signIn(email: String, password: String) async throws(IdentityError) -> AuthenticationTokens {
        do throws(IdentityError) {
            return try await self.authenticate(
                "USER_PASSWORD_AUTH", ["USERNAME": .string(Self.normalized(email)), "PASSWORD": .string(password)])
        } catch .userNotFound {
            throw .notAuthorized
        }
    }

    /// `InitiateAuth` with `REFRESH_TOKEN_AUTH`.
    public func refresh(refreshToken: String) async throws(IdentityError) -> AuthenticationTokens {
        do throws(IdentityError) {
            return try await self.authenticate("REFRESH_TOKEN_AUTH", ["REFRESH_TOKEN": .string(refreshToken)])
        } catch .userNotFound {
            throw .notAuthorized
        }
    }

    /// `RevokeToken`; a token Cognito does not know (`NotAuthorizedException`) is not an error.
    public func revoke(refreshToken: String) async throws(IdentityError) {
        do throws(IdentityError) {
            _ = try await self.call(
                "RevokeToken", ["Token": .string(refreshToken), "ClientId": .string(self.clientID)])
        } catch .notAuthorized {
            return
        }
    }

    /// `ForgotPassword`, with the caller's address as `UserContextData` for Cognito's threat protection; an unknown
    /// email answers as a known one does.
    public func forgotPassword(email: String, clientAddress: String) async throws(IdentityError) {
        do throws(IdentityError) {
            _ = try await self.call(
                "ForgotPassword",
                [
                    "ClientId": .string(self.clientID), "Username": .string(Self.normalized(email)),
                    "UserContextData": ["IpAddress": .string(clientAddress)],
                ])
        } catch .userNotFound {
            return
        }
    }

    /// `ConfirmForgotPassword`; an unknown email is answered as a wrong code is.
    public func confirmForgotPassword(email: String, code: String, newPassword: String) async throws(IdentityError) {
        try self.checkPolicy(newPassword)
        do throws(IdentityError) {
            _ = try await self.call(
                "ConfirmForgotPassword",
                [
                    "ClientId": .string(self.clientID), "Username": .string(Self.normalized(email)),
                    "ConfirmationCode": .string(code), "Password": .string(newPassword),
                ])
        } catch .userNotFound {
            throw .codeMismatch
        }
    }

    /// `AdminAddUserToGroup`; a group that does not exist yet is made with `CreateGroup` first, as the local provider
    /// needs no group to be declared.
    public func addUser(email: String, toGroup group: String) async throws(IdentityError) {
        let input = self.membership(email: email, group: group)
        do throws(AWSServiceError) {
            _ = try await self.client.call("AdminAddUserToGroup", input)
        } catch  where error.code == "ResourceNotFoundException" {
            do throws(AWSServiceError) {
                _ = try await self.client.call(
                    "CreateGroup", ["UserPoolId": .string(self.userPoolID), "GroupName": .string(group)])
            } catch  where error.code == "GroupExistsException" {
                // Another caller made it meanwhile.
            } catch {
                throw IdentityError(cognito: error)
            }
            _ = try await self.call("AdminAddUserToGroup", input)
        } catch {
            throw IdentityError(cognito: error)
        }
    }

    /// `AdminRemoveUserFromGroup`.
    public func removeUser(email: String, fromGroup group: String) async throws(IdentityError) {
        _ = try await self.call("AdminRemoveUserFromGroup", self.membership(email: email, group: group))
    }

    private func membership(email: String, group: String) -> JSONValue {
        [
            "UserPoolId": .string(self.userPoolID), "Username": .string(Self.normalized(email)),
            "GroupName": .string(group),
        ]
    }

    private func authenticate(
        _ flow: String, _ parameters: [String: JSONValue]
    ) async throws(IdentityError) -> AuthenticationTokens {
        let output = try await self.call(
            "InitiateAuth",
            ["ClientId": .string(self.clientID), "AuthFlow": .string(flow), "AuthParameters": .object(parameters)])
        guard let result = output["AuthenticationResult"] else {
            let challenge = output["ChallengeName"]?.stringValue ?? "none"
            throw .unavailable("Cognito asked for the challenge \(challenge), which this provider does not answer")
        }
        guard let access = result["AccessToken"]?.stringValue, let id = result["IdToken"]?.stringValue,
            let expiresIn = AWSJSONNumbers.int(result["ExpiresIn"])
        else {
            throw .unavailable("Cognito answered a sign-in without its tokens")
        }
        return AuthenticationTokens(
            accessToken: access, idToken: id, refreshToken: result["RefreshToken"]?.stringValue,
            expiresIn: expiresIn, tokenType: result["TokenType"]?.stringValue ?? "Bearer")
    }

    private func checkPolicy(_ password: String) throws(IdentityError) {
        let violations = self.policy.violations(of: password)
        guard violations.isEmpty else { throw .invalidPassword(violations) }
    }

    private static func normalized(_ email: String) -> String {
        email.trimmingWhitespace.lowercased()
    }

    private func call(_ operation: String, _ input: JSONValue) async throws(IdentityError) -> JSONValue {
        do throws(AWSServiceError) {
            return try await self.client.call(operation, input)
        } catch {
            throw IdentityError(cognito: error)
        }
    }
}
