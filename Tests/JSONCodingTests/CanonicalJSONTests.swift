import JSONCoding
import Testing

@Suite struct CanonicalJSONTests {
    @Test func theCanonicalSpellingSortsMembersAtEveryDepthAndKeepsStringsAndNumbersAsWritten() {
        let text = #" { "b" : [ 1E+2 , { "z": "a b", "\u0079": null } ], "a": -0.50 } "#
        let canonical = CanonicalJSON.bytes(of: Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }
        #expect(canonical == #"{"a":-0.50,"b":[1E+2,{"\u0079":null,"z":"a b"}]}"#)
        #expect(CanonicalJSON.bytes(of: Array(#"{"a":{"y":1,"\u0079":2}}"#.utf8)) == nil)
        #expect(CanonicalJSON.bytes(of: Array("[]".utf8)).map { String(decoding: $0, as: UTF8.self) } == "[]")

    }

    @Test(arguments: ["", "{", #"{"a":1,}"#, "[1 2]", "nul", #"{"a":1} x"#, String(repeating: "[", count: 200)])
    func textThatIsNotOneJSONValueHasNoCanonicalSpelling(text: String) {
        #expect(CanonicalJSON.bytes(of: Array(text.utf8)) == nil)
    }
}
