import EventPatterns
import Testing

@Suite("Event pattern operators")
struct OperatorTests {
    @Test func exactValuesCompareTypesAndNumbersByValue() throws {
        #expect(try match(#"{"n": [300]}"#, #"{"n": 300.0}"#))
        #expect(try match(#"{"n": [3.0e2]}"#, #"{"n": 300}"#))
        #expect(try !match(#"{"n": ["300"]}"#, #"{"n": 300}"#))
        #expect(try match(#"{"b": [true]}"#, #"{"b": true}"#))
        #expect(try !match(#"{"b": ["true"]}"#, #"{"b": true}"#))
        #expect(try match(#"{"v": [null]}"#, #"{"v": null}"#))
        #expect(try !match(#"{"v": [null]}"#, #"{}"#))
        #expect(try !match(#"{"v": [null]}"#, #"{"v": "null"}"#))
        #expect(try match(#"{"v": [""]}"#, #"{"v": ""}"#))
        #expect(try !match(#"{"v": ["a"]}"#, #"{"v": "A"}"#))
    }

    @Test func everyFieldMustMatchAndAnyEntryOfAFieldMay() throws {
        let pattern = #"{"source": ["a", "b"], "detail": {"kind": ["x"]}}"#
        #expect(try match(pattern, #"{"source": "b", "detail": {"kind": "x", "other": 1}}"#))
        #expect(try !match(pattern, #"{"source": "c", "detail": {"kind": "x"}}"#))
        #expect(try !match(pattern, #"{"source": "a"}"#))
    }

    @Test func prefixAndSuffixWithAndWithoutCase() throws {
        #expect(try match(#"{"f": [{"prefix": "us-"}]}"#, #"{"f": "us-east-1"}"#))
        #expect(try !match(#"{"f": [{"prefix": "us-"}]}"#, #"{"f": "US-east-1"}"#))
        #expect(try !match(#"{"f": [{"prefix": "1"}]}"#, #"{"f": 12}"#))
        #expect(try match(#"{"f": [{"prefix": {"equals-ignore-case": "US-"}}]}"#, #"{"f": "us-east-1"}"#))
        #expect(try match(#"{"f": [{"suffix": ".png"}]}"#, #"{"f": "a.png"}"#))
        #expect(try !match(#"{"f": [{"suffix": ".png"}]}"#, #"{"f": "a.PNG"}"#))
        #expect(try match(#"{"f": [{"suffix": {"equals-ignore-case": ".png"}}]}"#, #"{"f": "a.PNG"}"#))
        #expect(try match(#"{"f": [{"equals-ignore-case": "alice"}]}"#, #"{"f": "ALICE"}"#))
        #expect(try !match(#"{"f": [{"equals-ignore-case": "alice"}]}"#, #"{"f": "alicia"}"#))
    }

    @Test func wildcardsMatchAnyRunAndHonourEscapes() throws {
        #expect(try match(#"{"f": [{"wildcard": "*/lib/*.so"}]}"#, #"{"f": "/usr/lib/x.so"}"#))
        #expect(try match(#"{"f": [{"wildcard": "a*b*c"}]}"#, #"{"f": "abbc"}"#))
        #expect(try !match(#"{"f": [{"wildcard": "a*b*c"}]}"#, #"{"f": "acb"}"#))
        #expect(try match(#"{"f": [{"wildcard": "a\\*"}]}"#, #"{"f": "a*"}"#))
        #expect(try !match(#"{"f": [{"wildcard": "a\\*"}]}"#, #"{"f": "ab"}"#))
        #expect(try match(#"{"f": [{"wildcard": "a\\\\b"}]}"#, #"{"f": "a\\b"}"#))
        #expect(try !match(#"{"f": [{"wildcard": "ab*ba"}]}"#, #"{"f": "aba"}"#))
        #expect(rejection(#"{"f": [{"wildcard": "a**"}]}"#) == "Consecutive wildcard characters at pos 2")
        #expect(rejection(#"{"f": [{"wildcard": "a\\b"}]}"#) == "Invalid escape character at pos 2")
        #expect(rejection(#"{"f": [{"wildcard": "*a*b*c*d*e*"}]}"#)?.hasPrefix("Rule is too complex") == true)
    }

    @Test func anythingButMatchesOtherPresentValues() throws {
        #expect(try match(#"{"f": [{"anything-but": "a"}]}"#, #"{"f": "b"}"#))
        #expect(try match(#"{"f": [{"anything-but": "a"}]}"#, #"{"f": null}"#))
        #expect(try !match(#"{"f": [{"anything-but": "a"}]}"#, #"{}"#))
        #expect(try !match(#"{"f": [{"anything-but": [1, 2]}]}"#, #"{"f": 2.0}"#))
        #expect(try match(#"{"f": [{"anything-but": [1, 2]}]}"#, #"{"f": "1"}"#))
        #expect(try match(#"{"f": [{"anything-but": {"prefix": "in"}}]}"#, #"{"f": 12}"#))
        #expect(try !match(#"{"f": [{"anything-but": {"prefix": ["x", "in"]}}]}"#, #"{"f": "init"}"#))
        #expect(try !match(#"{"f": [{"anything-but": {"suffix": ".txt"}}]}"#, #"{"f": "a.txt"}"#))
        #expect(try !match(#"{"f": [{"anything-but": {"equals-ignore-case": ["A"]}}]}"#, #"{"f": "a"}"#))
        #expect(try !match(#"{"f": [{"anything-but": {"wildcard": "*/x/*"}}]}"#, #"{"f": "a/x/b"}"#))
        #expect(try match(#"{"f": [{"anything-but": {"wildcard": "*/x/*"}}]}"#, #"{"f": "a/y/b"}"#))
    }

    @Test func numericRangesCompareNumbersOnly() throws {
        let range = #"{"n": [{"numeric": [">", 0, "<=", 5]}]}"#
        #expect(try match(range, #"{"n": 5}"#))
        #expect(try match(range, #"{"n": 0.5}"#))
        #expect(try !match(range, #"{"n": 0}"#))
        #expect(try !match(range, #"{"n": 5.01}"#))
        #expect(try !match(range, #"{"n": "3"}"#))
        #expect(try !match(range, #"{"n": null}"#))
        #expect(try match(#"{"n": [{"numeric": ["=", 3.018e2]}]}"#, #"{"n": 301.8}"#))
        #expect(try match(#"{"n": [{"numeric": [">=", -1e9]}]}"#, #"{"n": -5}"#))
    }

    @Test func existsLooksAtLeavesOnly() throws {
        #expect(try match(#"{"f": [{"exists": true}]}"#, #"{"f": null}"#))
        #expect(try !match(#"{"f": [{"exists": true}]}"#, #"{"f": []}"#))
        #expect(try !match(#"{"f": [{"exists": true}]}"#, #"{"f": {"g": 1}}"#))
        #expect(try match(#"{"f": [{"exists": false}]}"#, #"{"g": 1}"#))
        #expect(try !match(#"{"f": [{"exists": false}]}"#, #"{"f": 1}"#))
        #expect(try match(#"{"a": {"b": [{"exists": false}]}}"#, #"{"a": 1}"#))
    }

    @Test func cidrMatchesAddressesInTheBlock() throws {
        #expect(try match(#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#, #"{"ip": "10.0.0.255"}"#))
        #expect(try !match(#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#, #"{"ip": "10.0.1.0"}"#))
        #expect(try !match(#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#, #"{"ip": "10.0.0.256"}"#))
        #expect(try match(#"{"ip": [{"cidr": "10.1.0.0/15"}]}"#, #"{"ip": "10.0.200.1"}"#))
        #expect(try match(#"{"ip": [{"cidr": "2001:db8::/32"}]}"#, #"{"ip": "2001:db8:ffff::1"}"#))
        #expect(try !match(#"{"ip": [{"cidr": "2001:db8::/32"}]}"#, #"{"ip": "10.0.0.1"}"#))
        #expect(rejection(#"{"ip": [{"cidr": "10.0.0.0"}]}"#) == "Malformed CIDR, one '/' required")
        #expect(rejection(#"{"ip": [{"cidr": "10.0.0.0/x"}]}"#) == "Malformed CIDR, mask bits must be an integer")
        #expect(rejection(#"{"ip": [{"cidr": "10.0.0/8"}]}"#) == "Nonstandard IP address: 10.0.0")
        #expect(
            rejection(#"{"ip": [{"cidr": "10.0.0.0/33"}]}"#) == "Malformed CIDR, mask bits must be between 0 and 32")
    }

    @Test func orMatchesWhenAnyAlternativeDoes() throws {
        let pattern = #"{"source": ["s"], "detail": {"$or": [{"a": [1]}, {"b": {"c": [2]}}]}}"#
        #expect(try match(pattern, #"{"source": "s", "detail": {"b": {"c": 2}}}"#))
        #expect(try match(pattern, #"{"source": "s", "detail": {"a": 1}}"#))
        #expect(try !match(pattern, #"{"source": "t", "detail": {"a": 1}}"#))
        #expect(try !match(pattern, #"{"source": "s", "detail": {"a": 2}}"#))
        // With one alternative, `$or` is an ordinary field name.
        #expect(try match(#"{"$or": [{"exists": true}]}"#, #"{"$or": 1}"#))
    }

    @Test func arraysMatchByAnyElementAndFieldsMustShareAnElement() throws {
        #expect(try match(#"{"r": ["x", "y"]}"#, #"{"r": ["z", "y"]}"#))
        #expect(try !match(#"{"r": ["x"]}"#, #"{"r": []}"#))
        let people = #"{"e": [{"first": "Anna", "last": "Smith"}, {"first": "Peter", "last": "Jones"}]}"#
        #expect(try match(#"{"e": {"first": ["Anna"], "last": ["Smith"]}}"#, people))
        #expect(try !match(#"{"e": {"first": ["Anna"], "last": ["Jones"]}}"#, people))
        #expect(try match(#"{"e": {"first": ["Peter"]}}"#, people))
    }

    @Test func dottedKeysJoinLikeNesting() throws {
        #expect(try match(#"{"a": {"b": ["x"]}}"#, #"{"a.b": "x"}"#))
        #expect(try match(#"{"a.b": ["x"]}"#, #"{"a": {"b": "x"}}"#))
    }

    @Test func invalidPatternsGiveEventBridgesReasons() {
        #expect(rejection(#"{"f": 1}"#) == #""f" must be an object or an array"#)
        #expect(rejection(#"{"f": []}"#) == "Empty arrays are not allowed")
        #expect(rejection(#"{"f": [{"EXISTS": true}]}"#) == "Unrecognized match type EXISTS")
        #expect(rejection(#"{"f": [{"prefix": 1}]}"#) == "prefix match pattern must be a string")
        #expect(rejection(#"{"f": [{"numeric": [">", 0, ">", 1]}]}"#) == "Bad numeric range operator: >")
        #expect(rejection(#"{"f": [{"numeric": [">", 0, "<"]}]}"#) == "Value of < must be numeric")
        #expect(rejection(#"{"f": [{"numeric": 10}]}"#) == "Value of numeric must be an array.")
        // event-ruler's numeric grammar: "=" and an upper bound stand alone, a lower bound may take an upper bound
        // after it, strictly above it.
        #expect(rejection(#"{"f": [{"numeric": [">", 5, "<", 1]}]}"#) == "Bottom must be less than top")
        #expect(rejection(#"{"f": [{"numeric": [">=", 5, "<=", 5]}]}"#) == "Bottom must be less than top")
        #expect(rejection(#"{"f": [{"numeric": ["<", 6, ">", 5]}]}"#) == "Too many elements in numeric expression")
        #expect(rejection(#"{"f": [{"numeric": ["=", 5, "=", 5]}]}"#) == "Too many elements in numeric expression")
        #expect(
            rejection(#"{"f": [{"numeric": [">", 1, "<", 5, "<", 6]}]}"#)
                == "Too many terms in numeric range expression")
        #expect(rejection(#"{"f": [{"numeric": [">", 1, 5]}]}"#) == "Bad value in numeric range: 5")
        #expect(rejection(#"{"f": [{"numeric": []}]}"#) == "Invalid member in numeric match: ]")
        #expect(rejection(#"{"f": [{"numeric": [5, ">"]}]}"#) == "Invalid member in numeric match: 5")
        #expect(rejection(#"{"f": [{"numeric": ["==", 5]}]}"#) == "Unrecognized numeric range operator: ==")
        #expect(rejection(#"{"f": [{"numeric": ["=", "5"]}]}"#) == "Value of equals must be numeric")
        #expect(rejection(#"{"f": [{"anything-but": ["a", 1]}]}"#)?.hasSuffix("mixed type is not supported") == true)
        #expect(rejection(#"{"f": [{"anything-but": null}]}"#)?.hasPrefix("Value of anything-but must be") == true)
        #expect(rejection(#"{"f": [{"anything-but": ["a", true]}]}"#)?.hasPrefix("Inside anything but list") == true)
        #expect(rejection(#"{"f": [{"anything-but": {"prefix": ""}}]}"#) == "Null prefix/suffix not allowed")
        #expect(rejection(#"{"f": [[1]]}"#) == "Match value must be String, number, true, false, or null")
        #expect(rejection(#"{"f": [{"prefix": "a", "suffix": "b"}]}"#) == "Only one key allowed in match expression")
        #expect(rejection("[1]") == "Filter is not an object")
        // event-ruler's JsonRuleCompiler refuses an object without fields wherever it stands; EventBridge answers
        // "Empty objects are not allowed" for `"detail": {}`.
        for empty in [
            "{}", #"{"source": ["a"], "detail": {}}"#, #"{"detail": {"x": {}}}"#, #"{"$or": [{"a": [1]}, {}]}"#,
        ] {
            #expect(rejection(empty) == "Empty objects are not allowed", "\(empty)")
        }
        #expect(rejection("{") == "Filter is not valid JSON")
        #expect(rejection(String(repeating: " ", count: 2049) + "{}")?.hasPrefix("Event pattern is longer") == true)
        let eleven = "[" + (0..<11).map { #"{"k\#($0)": [1]}"# }.joined(separator: ",") + "]"
        let tooMany = #"{"a": {"$or": \#(eleven)}, "b": {"$or": \#(eleven)}, "c": {"$or": \#(eleven)}}"#
        #expect(rejection(tooMany)?.contains("more than 1000") == true)
    }

    @Test func theErrorReadsLikeEventBridgesException() throws {
        let error = try #require(throws: EventPatternError.self) { try EventPattern(parsing: #"{"f": []}"#) }
        #expect(error.code == .emptyArray)
        #expect(error.description == "Event pattern is not valid. Reason: Empty arrays are not allowed")
    }
}
