import CoreMetrics
import Foundation
import LambdaRuntime
import Observability
import Synchronization
import Testing

@Suite("EMF metrics")
struct EMFMetricsTests {
    let sink = InMemoryLogSink()

    func metrics(defaultDimensions: [(name: String, value: String)] = []) -> EMFMetrics {
        EMFMetrics(
            configuration: MetricsConfiguration(
                namespace: "Stratus", service: "orders", defaultDimensions: defaultDimensions),
            sink: self.sink,
            nowMilliseconds: { 1_795_383_409_123 }
        )
    }

    func documents() throws -> [[String: Any]] {
        for line in self.sink.lines {
            let violations = EMFSpecification.violations(of: line)
            #expect(violations.isEmpty, "\(violations) in \(line)")
        }
        return try self.sink.lines.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func aFlushPrintsOneDocumentWithServiceAndDefaultDimensionsUnitsAndResolution() throws {
        let metrics = self.metrics(defaultDimensions: [("environment", "local")])
        try metrics.add("OrderCreated", value: 1)
        try metrics.add("OrderValue", value: 8498, unit: .none)
        try metrics.add("OrderValue", value: 1999, unit: .none)
        try metrics.add("StoreLatency", value: 1.5, unit: .milliseconds, resolution: .high)
        metrics.flush()
        metrics.flush()

        let document = try #require(try self.documents().first)
        #expect(self.sink.lines.count == 1)
        #expect(
            self.sink.lines[0].hasPrefix(
                #"{"_aws":{"Timestamp":1795383409123,"CloudWatchMetrics":[{"Namespace":"Stratus","Dimensions":[["service","environment"]],"#
            ))
        #expect(document["service"] as? String == "orders")
        #expect(document["environment"] as? String == "local")
        #expect(document["OrderCreated"] as? Int == 1)
        #expect(document["OrderValue"] as? [Int] == [8498, 1999])
        #expect(document["StoreLatency"] as? Double == 1.5)
        let definitions = try #require(
            ((document["_aws"] as? [String: Any])?["CloudWatchMetrics"] as? [[String: Any]])?.first?["Metrics"]
                as? [[String: Any]])
        #expect(definitions.map { $0["Unit"] as? String } == ["Count", "None", "Milliseconds"])
        #expect(definitions.map { $0["StorageResolution"] as? Int } == [nil, nil, 1])
    }

    /// 250 metrics make three documents of at most 100; 250 values of one metric make three documents of at most
    /// 100 values; no value is lost.
    @Test func moreThanAHundredMetricsOrValuesBecomeMoreDocuments() throws {
        let metrics = self.metrics()
        for index in 0..<250 { try metrics.add("Metric\(index)", value: Double(index)) }
        metrics.flush()
        let wide = try self.documents()
        #expect(wide.map { $0.keys.filter { $0.hasPrefix("Metric") }.count } == [100, 100, 50])

        let sink = InMemoryLogSink()
        let deep = EMFMetrics(configuration: MetricsConfiguration(namespace: "Stratus"), sink: sink)
        for value in 0..<250 { try deep.add("Latency", value: Double(value), unit: .milliseconds) }
        deep.flush()
        let values = try sink.lines.map { line in
            #expect(EMFSpecification.violations(of: line).isEmpty)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(document["Latency"] as? [Int])
        }
        #expect(values.map(\.count) == [100, 100, 50])
        #expect(values.flatMap { $0 } == Array(0..<250))
    }

    /// A value of a metric seen before joins its values whether the invocation added few metrics or many, and a
    /// metric with more than 100 values goes on alone into the next document.
    @Test func aValueJoinsItsMetricAmongFewOrManyMetrics() throws {
        for count in [3, 40] {
            let sink = InMemoryLogSink()
            let metrics = EMFMetrics(configuration: MetricsConfiguration(namespace: "Stratus"), sink: sink)
            for index in 0..<count { try metrics.add("Metric\(index)", value: Double(index)) }
            for index in 0..<count { try metrics.add("Metric\(index)", value: Double(index) + 0.5) }
            for value in 0..<120 { try metrics.add("Metric1", value: Double(value)) }
            metrics.flush()
            let documents = try sink.lines.map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            try #require(documents.count == 2)
            #expect(documents[0]["Metric0"] as? [Double] == [0, 0.5])
            #expect(documents[0]["Metric\(count - 1)"] as? [Double] == [Double(count - 1), Double(count) - 0.5])
            #expect((documents[0]["Metric1"] as? [Double])?.count == 100)
            #expect(documents[1].keys.filter { $0.hasPrefix("Metric") } == ["Metric1"])
            #expect((documents[1]["Metric1"] as? [Double])?.count == 22)
        }
    }

    /// Each flush's directive names what that flush gathered, though the directive of the flush before is reused
    /// when the names, units, resolutions and dimensions are the same.
    @Test func eachDocumentsDirectiveDescribesItsOwnMetrics() throws {
        let metrics = self.metrics()
        let flushes: [[(String, MetricUnit, MetricResolution)]] = [
            [("Latency", .milliseconds, .standard)], [("Latency", .milliseconds, .standard)],
            [("Latency", .seconds, .standard)], [("Latency", .seconds, .high)],
            [("Latency", .seconds, .high), ("Orders", .count, .standard)], [("Orders", .count, .standard)],
        ]
        for flush in flushes {
            for (name, unit, resolution) in flush {
                try metrics.add(name, value: 1, unit: unit, resolution: resolution)
            }
            metrics.flush()
        }
        try #require(self.sink.lines.count == flushes.count)
        for (document, flush) in zip(try self.documents(), flushes) {
            let directive = try #require((document["_aws"] as? [String: Any])?["CloudWatchMetrics"] as? [[String: Any]])
            let definitions = try #require(directive.first?["Metrics"] as? [[String: Any]])
            #expect(definitions.map { $0["Name"] as? String } == flush.map(\.0))
            #expect(definitions.map { $0["Unit"] as? String } == flush.map(\.1.rawValue))
            #expect(definitions.map { $0["StorageResolution"] as? Int } == flush.map { $0.2 == .high ? 1 : nil })
            #expect(directive.first?["Dimensions"] as? [[String]] == [["service"]])
        }
        try metrics.add("Orders", value: 1, dimensions: [("environment", "local")])
        metrics.flush()
        let last = try #require(try self.documents().last)
        let directive = (last["_aws"] as? [String: Any])?["CloudWatchMetrics"] as? [[String: Any]]
        #expect(directive?.first?["Dimensions"] as? [[String]] == [["service", "environment"]])
    }

    @Test func metricsWithOtherDimensionValuesGoToTheirOwnDocuments() throws {
        let metrics = self.metrics()
        try metrics.add("LoginFailed", value: 1, dimensions: [("reason", "password")])
        try metrics.add("LoginFailed", value: 1, dimensions: [("reason", "throttled")])
        try metrics.add("LoginFailed", value: 1, dimensions: [("reason", "password")])
        metrics.flush()
        let documents = try self.documents()
        #expect(documents.map { $0["reason"] as? String } == ["password", "throttled"])
        #expect(documents[0]["LoginFailed"] as? [Int] == [1, 1])
        #expect(documents[1]["LoginFailed"] as? Int == 1)
    }

    @Test func whatEMFForbidsIsAClearError() throws {
        let metrics = self.metrics()
        let thirty = (1...29).map { ("d\($0)", "v") }
        try metrics.add("Wide", value: 1, dimensions: thirty)
        #expect(throws: MetricsError.tooManyDimensions(31)) {
            try metrics.add("Wider", value: 1, dimensions: thirty + [("d30", "v")])
        }
        #expect(throws: MetricsError.invalidValue(name: "Broken")) { try metrics.add("Broken", value: .nan) }
        #expect(throws: MetricsError.invalidValue(name: "Broken")) { try metrics.add("Broken", value: .infinity) }
        #expect(throws: MetricsError.invalidName("service")) { try metrics.add("service", value: 1) }
        #expect(throws: MetricsError.invalidName("")) { try metrics.add("", value: 1) }
        #expect(throws: MetricsError.invalidDimension("")) {
            try metrics.add("Fine", value: 1, dimensions: [("", "v")])
        }
        #expect("\(MetricsError.tooManyDimensions(31))" == "A metric has 31 dimensions; EMF allows at most 30")
        metrics.flush()
        #expect(try self.documents().count == 1)
    }

    @Test func theColdStartMetricHasADocumentOfItsOwn() throws {
        let metrics = self.metrics(defaultDimensions: [("environment", "local")])
        try metrics.add("OrderCreated", value: 1)
        metrics.captureColdStart(functionName: "orders")
        metrics.flush()
        let documents = try self.documents()
        #expect(documents.count == 2)
        let coldStart = documents[0]
        #expect(coldStart["ColdStart"] as? Int == 1)
        #expect(coldStart["function_name"] as? String == "orders")
        #expect(coldStart["service"] as? String == "orders")
        #expect(coldStart["environment"] == nil)
        #expect(coldStart["OrderCreated"] == nil)
    }

    @Test func swiftMetricsCountersTimersAndRecordersBecomeEMF() throws {
        let metrics = self.metrics()
        let rejections = Mutex<[MetricsError]>([])
        let factory = EMFMetricsFactory(metrics: metrics) { error in rejections.withLock { $0.append(error) } }
        factory.makeCounter(label: "UserRegistered", dimensions: []).increment(by: 2)
        factory.makeTimer(label: "HandlerDuration", dimensions: []).recordNanoseconds(2_500_000)
        factory.makeRecorder(label: "OrderValue", dimensions: [], aggregate: true).record(Int64(4500))
        factory.makeCounter(label: "TooWide", dimensions: (1...30).map { ("d\($0)", "v") }).increment(by: 1)
        metrics.flush()

        let document = try #require(try self.documents().first)
        #expect(document["UserRegistered"] as? Int == 2)
        #expect(document["HandlerDuration"] as? Double == 2.5)
        #expect(document["OrderValue"] as? Int == 4500)
        #expect(document["TooWide"] == nil)
        let definitions = try #require(
            ((document["_aws"] as? [String: Any])?["CloudWatchMetrics"] as? [[String: Any]])?.first?["Metrics"]
                as? [[String: Any]])
        #expect(definitions.map { $0["Unit"] as? String } == ["Count", "Milliseconds", "None"])
        #expect(rejections.withLock { $0 } == [.tooManyDimensions(31)])
    }
}
