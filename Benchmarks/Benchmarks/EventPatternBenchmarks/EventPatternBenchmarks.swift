import Benchmark
import EventPatterns
import JSONCoding

/// An order event as the reference system publishes it.
let event = JSONValue(
    parsing: Array(
        #"""
        {"version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "source": "com.example.orders",
         "detail-type": "OrderPlaced", "account": "123456789012", "time": "2026-11-22T21:36:49Z", "region": "eu-west-1",
         "resources": ["arn:aws:dynamodb:eu-west-1:123456789012:table/main"],
         "detail": {"orderId": "o-12345", "total": 129.5, "currency": "EUR", "channel": "web",
                    "customer": {"id": "c-42", "tier": "gold", "country": "DE"},
                    "items": [{"sku": "A-1", "quantity": 2}, {"sku": "B-2", "quantity": 1}]}}
        """#.utf8))!

let services =
    ["orders", "users", "billing", "shipping", "inventory", "notifications", "reports", "auth"]
    + (0..<92).map { "service\($0)" }
let detailTypes = ["OrderPlaced", "OrderPaid", "OrderShipped", "UserCreated", "InvoiceIssued", "StockLow"]

/// Rule `number` of a realistic mix: most name a source and a detail type, many add a condition on the detail
/// (prefix, numeric range, anything-but), some use `$or`, a few only a prefix.
func pattern(_ number: Int) -> String {
    let source = "com.example.\(services[number % services.count])"
    let detailType = detailTypes[(number / services.count) % detailTypes.count]
    switch number % 10 {
    case 0, 1, 2, 3:
        return #"{"source": ["\#(source)"], "detail-type": ["\#(detailType)"]}"#
    case 4, 5:
        return #"{"source": ["\#(source)"], "detail": {"customer": {"country": [{"prefix": "D"}]}}}"#
    case 6:
        return #"{"source": ["\#(source)"], "detail": {"total": [{"numeric": [">=", \#(number % 200), "<", 1000]}]}}"#
    case 7:
        return #"{"detail-type": ["\#(detailType)"], "detail": {"channel": [{"anything-but": ["batch", "test"]}]}}"#
    case 8:
        return #"""
            {"source": ["\#(source)"], "$or": [{"detail": {"total": [{"numeric": [">", 100]}]}},
                                                {"detail": {"customer": {"tier": ["gold", "platinum"]}}}]}
            """#
    default:
        return number % 20 == 9
            ? #"{"detail-type": [{"prefix": "Order"}], "source": [{"prefix": "\#(source)"}]}"#
            : #"{"source": ["\#(source)"], "detail": {"currency": [{"equals-ignore-case": "eur"}]}}"#
    }
}

let patterns = (0..<1_000).map { try! EventPattern(parsing: pattern($0)) }
let index = patterns.enumerated().reduce(into: RuleIndex<Int>()) { index, rule in
    index.add(rule.element, for: rule.offset)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        // A thousand events a sample: the figures are per event, in steady state.
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 1_000
    )

    Benchmark("Rule index: 1,000 rules, one event") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(index.matchingRules(for: event))
        }
    }

    Benchmark("Each pattern in turn: 1,000 rules, one event (baseline)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(patterns.indices.filter { patterns[$0].matches(event) })
        }
    }
}
