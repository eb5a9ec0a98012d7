import Testing

@testable import Middleware

/// The validation rules' own regular expressions against Swift's `Regex` (matching Unicode scalars, as ECMA-262's `u`
/// flag does), which they replace in the Lambda binary: every string of a small alphabet up to four scalars long, for
/// patterns that use each part of the syntax.
@Suite struct ValidationPatternTests {
    static let cases: [(pattern: String, alphabet: [Character])] = [
        ("[0-9]{6}", ["0", "5", "9", "a"]),
        ("[A-Z]{2}", ["A", "Z", "a", "1"]),
        ("[A-Z0-9-]{1,3}", ["A", "9", "-", "_", "a"]),
        ("a|b|cd", ["a", "b", "c", "d"]),
        ("(ab)*c", ["a", "b", "c"]),
        ("(a|b)*abb", ["a", "b", "c"]),
        ("x?y+z*", ["x", "y", "z"]),
        ("[^a-c]+", ["a", "c", "d", "é"]),
        ("\\d{1,2}-\\w+", ["1", "-", "a", "_", " "]),
        (".*", ["a", "\n", "é", "\r"]),
        ("^\\+[1-9][0-9]{1,2}$", ["+", "0", "1", "9"]),
        ("(?:fo|ba)r?", ["f", "o", "b", "a", "r"]),
        ("a{0}b{2,}", ["a", "b"]),
        ("[\\]\\-]+", ["]", "-", "a"]),
        ("colou?r", ["c", "o", "l", "u", "r"]),
        ("(a*)*b", ["a", "b"]),
        ("\\s*\\S+", [" ", "\t", "a", "b"]),
        ("[\\D]+[\\d]", ["1", "a", " "]),
        ("\\W?\\.\\w", [".", "a", "!"]),
        ("a+?b??", ["a", "b"]),
        ("(a|)+b", ["a", "b"]),
        ("[-a]|[a-]", ["a", "-", "b"]),
        ("a^b|c$", ["a", "b", "c"]),
        ("x$y|x", ["x", "y"]),
        ("(^a|b)+", ["a", "b"]),
    ]

    @Test(arguments: Self.cases.indices)
    func matchesWhatSwiftsRegexMatches(_ index: Int) throws {
        let (pattern, alphabet) = Self.cases[index]
        let compiled = try #require(ValidationPattern(pattern), "\(pattern)")
        let regex = try Regex(pattern).matchingSemantics(.unicodeScalar)
        var strings = [""]
        var level = [""]
        for _ in 1...4 {
            level = level.flatMap { prefix in alphabet.map { prefix + String($0) } }
            strings += level
        }
        for text in strings {
            let expected = (try regex.wholeMatch(in: text)) != nil
            #expect(compiled.matches(text) == expected, "\(pattern) on \(text.debugDescription)")
        }
    }

    @Test(arguments: [
        "(", ")", "[a", "a**", "*a", "a{2,1}", "a{1001}", "\\1", "(a)\\1", "(?=a)", "(?<n>a)", "\\p{L}", "\\b",
        "[z-a]", "[a-\\d]", "a{,2}", "{", "^*",
    ])
    func refusesWhatItDoesNotRead(_ pattern: String) {
        #expect(ValidationPattern(pattern) == nil)
    }

    /// Linear time: a pattern that makes a backtracking engine take exponential time answers at once here.
    @Test func aPathologicalPatternTakesLinearTime() throws {
        let compiled = try #require(ValidationPattern("(a*)*b"))
        #expect(!compiled.matches(String(repeating: "a", count: 5_000)))
        let nested = try #require(ValidationPattern("(a|a)*c"))
        #expect(!nested.matches(String(repeating: "a", count: 5_000)))
    }

    @Test func theRuleSaysWhatIsExpected() {
        let rule = ValidationRule<String>.pattern("[0-9]{6}", "the six digits that were sent")
        #expect(rule.violation(by: "123456") == nil)
        #expect(rule.violation(by: "12345") == "must be the six digits that were sent")
        #expect(rule.constraint == .pattern("^(?:[0-9]{6})$"))
    }
}
