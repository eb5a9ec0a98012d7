import Cloud
import Hashing

/// Where the local identity provider keeps what it knows, in a table of its own (as Cognito's user pool is apart
/// from the application's table):
///
/// | item | PK | SK |
/// |---|---|---|
/// | account | `USER#<sub>` | `ACCOUNT` |
/// | email → account | `EMAIL#<email>` | `ACCOUNT` |
/// | refresh token | `REFRESH#<sha256(token)>` | `TOKEN` |
/// | password-reset code | `RESET#<sha256(email)>` | `CODE` |
/// | failed reset confirmations | `RESETFAIL#<sub>` | `THROTTLE` |
/// | password-reset requests per email | `FORGOT#<sha256(email)>` | `THROTTLE` |
/// | password-reset requests per client address | `FORGOTFROM#<sha256(address)>` | `THROTTLE` |
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
        ItemKey(partition: "REFRESH#\(Hashing.SHA256.hexDigest(token))", sort: "TOKEN")
    }

    static func resetCode(_ email: String) -> ItemKey {
        ItemKey(partition: "RESET#\(Hashing.SHA256.hexDigest(email))", sort: "CODE")
    }

    static func resetFailures(_ userID: String) -> ItemKey {
        ItemKey(partition: "RESETFAIL#\(userID)", sort: "THROTTLE")
    }

    static func resetRequests(_ email: String) -> ItemKey {
        ItemKey(partition: "FORGOT#\(Hashing.SHA256.hexDigest(email))", sort: "THROTTLE")
    }

    static func resetRequests(fromAddress address: String) -> ItemKey {
        ItemKey(partition: "FORGOTFROM#\(Hashing.SHA256.hexDigest(address))", sort: "THROTTLE")
    }

    static func signInThrottle(_ email: String) -> ItemKey {
        ItemKey(partition: "SIGNIN#\(Hashing.SHA256.hexDigest(email))", sort: "THROTTLE")
    }
}
