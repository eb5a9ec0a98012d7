import JSONCoding
import Testing

@testable import LocalCloud

/// The local bus's input transformation beyond the contract: escaped quotes in templates, array indices and paths
/// EventBridge does not evaluate.
@Suite struct BusTargetInputTests {
    static let values: [String: JSONValue] = ["instance": "i-1", "status": "running", "count": 3]

    @Test func escapedQuotesInsideATemplateStringKeepThePlaceholderInTheString() {
        #expect(
            TargetInput.fill(#""<instance> is in state \"<status>\"""#, with: Self.values)
                == #""i-1 is in state \"running\"""#)
        #expect(
            TargetInput.fill(#"{"at": "say \"<status>\"", "n": <count>}"#, with: Self.values)
                == #"{"at": "say \"running\"", "n": 3}"#)
    }

    @Test func aValueWithQuotesIsEscapedInsideAStringAndAnUnknownPlaceholderStays() {
        let values: [String: JSONValue] = ["text": #"a "quoted" word"#, "object": ["k": "v"]]
        #expect(
            TargetInput.fill(#"{"t": "<text>", "o": "<object>", "u": "<unknown>"}"#, with: values)
                == #"{"t": "a \"quoted\" word", "o": "{\"k\":\"v\"}", "u": "<unknown>"}"#)
    }

    @Test func pathsReachMembersAndIndicesAndRefuseWhatEventBridgeDoesNotEvaluate() throws {
        let event: JSONValue = ["detail": ["order-id": "o-1", "lines": [["sku": "a"], ["sku": "b"]]]]
        #expect(EventJSONPath("$.detail.order-id")?.select(in: event) == "o-1")
        #expect(EventJSONPath("$.detail.lines[1].sku")?.select(in: event) == "b")
        #expect(EventJSONPath("$")?.select(in: event) == event)
        #expect(EventJSONPath("$.detail.lines[5]")?.select(in: event) == nil)
        #expect(EventJSONPath("detail") == nil)
        #expect(EventJSONPath("$..detail") == nil)
        #expect(EventJSONPath("$.lines[x]") == nil)
    }

    @Test func aWildcardSelectsTheListOfWhatTheRestOfThePathReaches() throws {
        let event: JSONValue = [
            "detail": ["lines": [["sku": "a", "n": 1], ["n": 2], ["sku": "c"]], "tags": ["b": "2", "a": "1"]]
        ]
        #expect(EventJSONPath("$.detail.lines[*].sku")?.select(in: event) == ["a", "c"])
        #expect(EventJSONPath("$.detail.lines[*]")?.select(in: event) == event["detail"]?["lines"])
        #expect(EventJSONPath("$.detail.tags.*")?.select(in: event) == ["1", "2"])
        #expect(EventJSONPath("$.detail.missing[*].sku")?.select(in: event) == [], "an empty list, not nothing")
        #expect(EventJSONPath("$.detail.lines[*].n")?.select(in: event) == [1, 2])
    }
}
