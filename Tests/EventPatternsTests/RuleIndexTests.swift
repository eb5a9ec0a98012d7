import EventPatterns
import JSONCoding
import Testing

@Suite("Rule index")
struct RuleIndexTests {
    @Test func findsEachMatchingRuleOnceInTheOrderAdded() throws {
        var index = RuleIndex<String>()
        index.add(try EventPattern(parsing: #"{"source": ["orders"]}"#), for: "orders")
        index.add(try EventPattern(parsing: #"{"detail": {"total": [{"numeric": [">", 10]}]}}"#), for: "big")
        index.add(try EventPattern(parsing: #"{"replay-name": [{"exists": false}]}"#), for: "live")
        index.add(
            try EventPattern(parsing: #"{"$or": [{"source": ["orders"]}, {"detail-type": ["Placed"]}]}"#), for: "either"
        )
        let event: JSONValue = ["source": "orders", "detail-type": "Placed", "detail": ["total": 12]]
        #expect(index.matchingRules(for: event) == ["orders", "big", "live", "either"])
        #expect(index.matchingRules(for: ["source": "users", "replay-name": "r"]) == [])
        #expect(index.count == 4)
    }

    @Test func prefixRulesAreFoundByAnyOfTheirPrefixes() throws {
        var index = RuleIndex<String>()
        index.add(
            try EventPattern(parsing: #"{"source": [{"prefix": "com.example."}, {"prefix": "aws."}]}"#), for: "two")
        index.add(try EventPattern(parsing: #"{"source": [{"prefix": ""}]}"#), for: "any string")
        index.add(try EventPattern(parsing: #"{"source": [{"prefix": "é"}]}"#), for: "accent")
        #expect(index.matchingRules(for: ["source": "aws.s3"]) == ["two", "any string"])
        #expect(index.matchingRules(for: ["source": "com.example.orders"]) == ["two", "any string"])
        #expect(index.matchingRules(for: ["source": "été"]) == ["any string", "accent"])
        #expect(index.matchingRules(for: ["source": "com.exampl"]) == ["any string"])
        #expect(index.matchingRules(for: ["source": 12]) == [])
    }

    /// Random patterns and events over a small vocabulary, so that many of them meet.
    @Test func agreesWithMatchingEachPatternOnGeneratedRulesAndEvents() throws {
        var random = SplitMix64(seed: 15)
        var index = RuleIndex<Int>()
        var patterns: [EventPattern] = []
        for rule in 0..<400 {
            let pattern = try EventPattern(Generated.pattern(using: &random))
            patterns.append(pattern)
            index.add(pattern, for: rule)
        }
        var matchedSomething = 0
        for _ in 0..<300 {
            let event = Generated.event(using: &random)
            let expected = patterns.indices.filter { patterns[$0].matches(event) }
            let found = index.matchingRules(for: event)
            #expect(found == expected)
            if !found.isEmpty { matchedSomething += 1 }
        }
        // The check means something only if the events do match rules.
        #expect(matchedSomething > 100)
    }
}

/// A small deterministic random number generator, so that a failure can be replayed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { self.state = seed }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = self.state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// Generators of patterns and events over the same few fields and values.
enum Generated {
    static let sources = ["orders", "users", "billing", "orders.eu"]
    static let kinds = ["Placed", "Paid", "Shipped"]

    static func pattern(using random: inout SplitMix64) -> JSONValue {
        var pattern: [String: JSONValue] = [:]
        if Bool.random(using: &random) {
            pattern["source"] = .array(
                (0..<Int.random(in: 1...2, using: &random)).map { _ in
                    .string(self.sources.randomElement(using: &random)!)
                })
        }
        var detail: [String: JSONValue] = [:]
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            let (key, condition) = self.condition(using: &random)
            detail[key] = [condition]
        }
        if Int.random(in: 0..<4, using: &random) == 0 {
            let (first, firstCondition) = self.condition(using: &random)
            let (second, secondCondition) = self.condition(using: &random)
            detail["$or"] = [[first: [firstCondition]], [second: [secondCondition]]]
        }
        if !detail.isEmpty { pattern["detail"] = .object(detail) }
        if pattern.isEmpty { pattern["detail-type"] = .array([.string(self.kinds.randomElement(using: &random)!)]) }
        return .object(pattern)
    }

    private static func condition(using random: inout SplitMix64) -> (String, JSONValue) {
        switch Int.random(in: 0..<8, using: &random) {
        case 0: return ("kind", .string(self.kinds.randomElement(using: &random)!))
        case 1: return ("kind", ["prefix": .string(String(self.kinds.randomElement(using: &random)!.prefix(2)))])
        case 2: return ("total", ["numeric": [">", .integer(Int64.random(in: 0...100, using: &random))]])
        case 3: return ("total", ["anything-but": [.integer(Int64.random(in: 0...5, using: &random) * 20)]])
        case 4: return ("tags", .string(["a", "b", "c"].randomElement(using: &random)!))
        case 5: return ("region", ["exists": .bool(Bool.random(using: &random))])
        case 6: return ("region", ["wildcard": "eu-*-1"])
        default: return ("items.sku", ["suffix": .string(["-1", "-2"].randomElement(using: &random)!)])
        }
    }

    static func event(using random: inout SplitMix64) -> JSONValue {
        var detail: [String: JSONValue] = [
            "kind": .string(self.kinds.randomElement(using: &random)!),
            "total": .integer(Int64.random(in: 0...5, using: &random) * 20),
            "tags": .array(
                (0..<Int.random(in: 0...2, using: &random)).map { _ in
                    .string(["a", "b", "c"].randomElement(using: &random)!)
                }),
            "items": .array(
                (0..<Int.random(in: 0...2, using: &random)).map { _ in
                    ["sku": .string(["x-1", "x-2", "y-3"].randomElement(using: &random)!)]
                }),
        ]
        if Bool.random(using: &random) {
            detail["region"] = .string(["eu-west-1", "us-east-1"].randomElement(using: &random)!)
        }
        return [
            "source": .string(self.sources.randomElement(using: &random)!),
            "detail-type": .string(self.kinds.randomElement(using: &random)!),
            "detail": .object(detail),
        ]
    }
}
