import Cloud

/// Where the local identity provider keeps what it knows, in a table of its own (as Cognito's user pool is apart
/// from the application's table):
///
/// | item | PK | SK |
/// |---|---|---|
/// | account | `USER#<sub>` | `ACCOUNT` |
/// | email → account | `EMAIL#<email>` | `ACCOUNT` |
/// | refresh token | `REFRESH#<sha256(token)>` | `TOKEN` |
/// | password-reset code | `RESET#<sub>` | `CODE` |
/// | failed sign-ins | `SIGNIN#<sha256(email)>` | `THROTTLE` |
///
/// Tokens and emails are stored by their digests where a leak of the table must not give them away.
enum DirectoryKeys {
    static func account(_ userID: String) -> ItemKey {
        ItemKey(partition: "USER#\(userID)", sort: "ACCOUNT")
    }

    static func email(_ email: String) -> ItemKey {
        ItemKey(partition: "EMAIL#\(email)", sort: "ACCOUNT")
    }

    static func refreshToken(_ token: String) -> ItemKey {
        ItemKey(partition: "REFRESH#\(Cloud.SHA256.hexDigest(token))", sort: "TOKEN")
    }

    static func resetCode(_ userID: String) -> ItemKey {
        ItemKey(partition: "RESET#\(userID)", sort: "CODE")
    }

    static func signInThrottle(_ email: String) -> ItemKey {
        ItemKey(partition: "SIGNIN#\(Cloud.SHA256.hexDigest(email))", sort: "THROTTLE")
    }
}
