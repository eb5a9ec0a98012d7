import Observability
import Testing

/// Which keys are secret: a word anywhere in the normalized key, a name only as the whole key.
@Suite struct SensitiveKeysTests {
    @Test(arguments: [
        "password", "userPassword", "PASSWORD_HASH", "x-api-key", "Set-Cookie", "cookies", "refresh_token",
        "idToken", "tokentoken", "client_secret", "awsCredentials", "Authorization",
    ])
    func aKeyHoldingAStandardWordAnywhereIsSensitive(key: String) {
        #expect(SensitiveKeys().isSensitive(key))
    }

    /// Keys that share words' first letters, hold a word only in part, or stop just before a word ends.
    @Test(arguments: [
        "statusCode", "toke", "tokn", "mysecre", "passwor", "api", "apik", "cookbook", "author", "credit", "", "-_",
    ])
    func aKeyWithoutAWholeWordIsNot(key: String) {
        #expect(!SensitiveKeys().isSensitive(key))
    }

    @Test func namesAreSensitiveOnlyAsTheWholeKey() {
        let keys = SensitiveKeys()
        #expect(keys.isSensitive("code"))
        #expect(keys.isSensitive("O_T_P"))
        #expect(!keys.isSensitive("zipcode"))
        #expect(!keys.isSensitive("codes"))
    }

    /// Added words are found as the standard ones are, whatever byte they start with.
    @Test func addedWordsAreFoundWhateverTheyStartWith() {
        let keys = SensitiveKeys(adding: ["email", "9pin", "übername"])
        #expect(keys.isSensitive("workEmailAddress"))
        #expect(keys.isSensitive("card9PIN"))
        #expect(keys.isSensitive("my_übername"))
        #expect(!keys.isSensitive("ema1l"))
        #expect(!keys.isSensitive("9pi"))
        #expect(!keys.isSensitive("ünter"))
    }

    /// Past the 64 words the search indexes by their first byte, the rest are still found.
    @Test func wordsPastTheSixtyFourthAreFoundToo() {
        let keys = SensitiveKeys(adding: (0..<80).map { "word\($0)x" })
        #expect(keys.isSensitive("myWord79xValue"))
        #expect(keys.isSensitive("word3x"))
        #expect(!keys.isSensitive("word80x"))
        #expect(!keys.isSensitive("word79"))
    }
}
