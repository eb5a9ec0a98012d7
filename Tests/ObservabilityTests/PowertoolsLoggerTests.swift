import Foundation
import LambdaEvents
import LambdaRuntime
import Logging
import Observability
import Synchronization
import Testing

/// A logger writing into memory, with a fixed clock and a chosen sampling draw.
struct LoggerFixture {
    let sink = InMemoryLogSink()
    let logger: PowertoolsLogger

    init(_ configuration: LoggerConfiguration = LoggerConfiguration(service: "orders"), draw: Double = 0.5) {
        self.logger = PowertoolsLogger(
            configuration: configuration, sink: self.sink, random: { draw }, nowMilliseconds: { 1_795_383_409_123 }
        )
    }

    static func context(requestID: String = "c0ffee-1", coldStart: Bool = false) -> LambdaContext {
        LambdaContext(
            requestID: requestID,
            traceID: "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
            invokedFunctionARN: "arn:aws:lambda:eu-west-1:123456789012:function:orders",
            deadline: .after(.seconds(3)),
            function: FunctionMetadata(name: "orders", memoryLimitInMB: 256),
            isColdStart: coldStart,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        )
    }

    /// Every line as a JSON object; a line that is not one fails the test.
    func objects() throws -> [[String: Any]] {
        try self.sink.lines.map { line in
            try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
    }
}

struct Declined: Error, CustomStringConvertible {
    var description: String { "card declined" }
}

@Suite("Powertools logger")
struct PowertoolsLoggerTests {
    @Test func everyLineIsOneJSONObjectWithPowertoolsKeysInTheirOrder() throws {
        let fixture = LoggerFixture()
        let invocation = fixture.logger.startInvocation(LoggerFixture.context(coldStart: true), correlationID: "corr-7")
        invocation.logger.info(
            "Order created",
            metadata: ["orderId": "o-1", "total": .stringConvertible(8498), "paid": .stringConvertible(true)])
        invocation.end(failed: false)

        let line = try #require(fixture.sink.lines.first)
        #expect(line.hasPrefix(#"{"level":"INFO","location":"ObservabilityTests/PowertoolsLoggerTests.swift:"#))
        let object = try #require(try fixture.objects().first)
        #expect(object["message"] as? String == "Order created")
        #expect(object["timestamp"] as? String == "2026-11-22T21:36:49.123Z")
        #expect(object["service"] as? String == "orders")
        #expect(object["cold_start"] as? Bool == true)
        #expect(object["function_name"] as? String == "orders")
        #expect(object["function_memory_size"] as? Int == 256)
        #expect(object["function_arn"] as? String == "arn:aws:lambda:eu-west-1:123456789012:function:orders")
        #expect(object["function_request_id"] as? String == "c0ffee-1")
        #expect(object["correlation_id"] as? String == "corr-7")
        #expect(object["xray_trace_id"] as? String == "1-5759e988-bd862e3fe1be46a994272793")
        #expect(object["total"] as? Int == 8498)
        #expect(object["paid"] as? Bool == true)
        #expect(object["sampling_rate"] == nil)
    }

    @Test func persistentKeysReachEveryInvocationAndNeverReplaceTheLoggersOwnKeys() throws {
        let fixture = LoggerFixture()
        fixture.logger.appendKeys(["tenant": "acme", "service": "spoofed", "level": "spoofed"])
        for requestID in ["r-1", "r-2"] {
            let invocation = fixture.logger.startInvocation(
                LoggerFixture.context(requestID: requestID), correlationID: nil)
            invocation.logger.warning("Slow store")
        }
        fixture.logger.removeKeys(["tenant"])
        fixture.logger.logger().info("Outside an invocation")

        let objects = try fixture.objects()
        #expect(objects.map { $0["tenant"] as? String } == ["acme", "acme", nil])
        #expect(objects.map { $0["function_request_id"] as? String } == ["r-1", "r-2", nil])
        #expect(objects.allSatisfy { $0["service"] as? String == "orders" })
        #expect(objects.map { $0["level"] as? String } == ["WARN", "WARN", "INFO"])
    }

    @Test func numbersAreWrittenAsEveryJSONOutputWritesThem() throws {
        let fixture = LoggerFixture(LoggerConfiguration(service: "orders", sampleRate: 1))
        let invocation = fixture.logger.startInvocation(LoggerFixture.context(), correlationID: nil)
        invocation.logger.info(
            "Totals",
            metadata: [
                "whole": .stringConvertible(3.0), "ratio": .stringConvertible(0.1),
                "tiny": .stringConvertible(Double.leastNonzeroMagnitude),
                "big": .stringConvertible(UInt64.max), "least": .stringConvertible(Int64.min),
                "undefined": .stringConvertible(Double.nan), "endless": .stringConvertible(-Double.infinity),
            ])
        invocation.end(failed: false)

        let line = try #require(fixture.sink.lines.first)
        #expect(line.contains(#""sampling_rate":1,"#))
        #expect(
            line.contains(
                #""big":18446744073709551615,"endless":null,"least":-9223372036854775808,"ratio":0.1,"tiny":5e-324,"undefined":null,"whole":3}"#
            ), "JSON has no NaN or infinity: null, as the writer writes them")
        #expect(try fixture.objects().count == 1)
    }

    @Test func errorsAreStructuredObjects() throws {
        let fixture = LoggerFixture()
        let invocation = fixture.logger.startInvocation(LoggerFixture.context(), correlationID: nil)
        invocation.logger.error("Payment failed", metadata: ["cause": .stringConvertible(Declined())])
        let cause = try #require(try fixture.objects().first?["cause"] as? [String: String])
        #expect(cause == ["name": "Declined", "message": "card declined"])
    }

    @Test func sensitiveKeysAreRedactedAtAnyDepth() throws {
        let fixture = LoggerFixture(LoggerConfiguration(service: "auth", sensitiveKeys: ["pin"]))
        let invocation = fixture.logger.startInvocation(LoggerFixture.context(), correlationID: nil)
        invocation.logger.info(
            "Signing in",
            metadata: [
                "password": "Hunter2-secret",
                "request": [
                    "headers": ["Authorization": "Bearer eyJhbGciOi", "Cookie": "session=abc"],
                    "email": "ada@example.com",
                ],
                "tokens": .array([["accessToken": "at-123", "refresh_token": "rt-456"]]),
                "card": ["PIN": "9876", "x-api-key": "k-789", "client_secret": "cs-000"],
            ])
        let line = try #require(fixture.sink.lines.first)
        for secret in ["Hunter2-secret", "eyJhbGciOi", "session=abc", "at-123", "rt-456", "9876", "k-789", "cs-000"] {
            #expect(!line.contains(secret), "\(secret) reached the log")
        }
        #expect(line.contains("ada@example.com"))
        #expect(line.contains(#""password":"[REDACTED]""#))
    }

    /// With event logging on, an HTTP API event is logged with its body as JSON and its query as parameters, so the
    /// secrets in the body, the query, the headers and the cookies are all redacted.
    @Test func aLoggedEventCarriesNoSecret() throws {
        let fixture = LoggerFixture(LoggerConfiguration(service: "auth", logsEvent: true))
        let event: JSONValue = [
            "rawPath": "/auth/login",
            "rawQueryString": "next=%2Fhome&token=qs-secret",
            "cookies": ["session=cookie-secret"],
            "headers": ["authorization": "Bearer header-secret", "content-type": "application/json"],
            "body": #"{"email":"ada@example.com","password":"Body-Secret-1"}"#,
            "requestContext": ["requestId": "req-9", "http": ["method": "POST"]],
        ]
        _ = fixture.logger.startInvocation(LoggerFixture.context(), correlationID: "req-9", event: event)
        let line = try #require(fixture.sink.lines.first)
        for secret in ["qs-secret", "cookie-secret", "header-secret", "Body-Secret-1"] {
            #expect(!line.contains(secret), "\(secret) reached the log")
        }
        let logged = try #require(try fixture.objects().first?["event"] as? [String: Any])
        #expect((logged["body"] as? [String: Any])?["email"] as? String == "ada@example.com")
        #expect((logged["rawQueryString"] as? [String: Any])?["next"] as? String == "%2Fhome")
        #expect((logged["headers"] as? [String: Any])?["content-type"] as? String == "application/json")
    }

    @Test func theLevelComesFromLambdaThenTheCodeThenPowertools() {
        #expect(LoggerConfiguration(environment: [:]).level == .info)
        #expect(LoggerConfiguration(environment: ["POWERTOOLS_LOG_LEVEL": "DEBUG"]).level == .debug)
        #expect(LoggerConfiguration(environment: ["POWERTOOLS_LOG_LEVEL": "DEBUG"], level: .error).level == .error)
        #expect(
            LoggerConfiguration(
                environment: ["AWS_LAMBDA_LOG_LEVEL": "WARN", "POWERTOOLS_LOG_LEVEL": "DEBUG"], level: .error
            ).level == .warning)
        #expect(LoggerConfiguration(environment: ["AWS_LAMBDA_LOG_LEVEL": "loud"], level: .error).level == .error)
        let configuration = LoggerConfiguration(environment: [
            "POWERTOOLS_SERVICE_NAME": "orders", "POWERTOOLS_LOGGER_SAMPLE_RATE": "0.1",
            "POWERTOOLS_LOGGER_LOG_EVENT": "true",
        ])
        #expect(configuration.service == "orders")
        #expect(configuration.sampleRate == 0.1)
        #expect(configuration.logsEvent)
        #expect(LoggerConfiguration(environment: [:]).service == "service_undefined")
    }

    /// Sampling is decided per invocation: a sampled one writes its debug lines, and every line says the rate.
    @Test func aSampledInvocationLogsAtDebug() throws {
        for (draw, expectsDebug) in [(0.05, true), (0.5, false)] {
            let fixture = LoggerFixture(LoggerConfiguration(service: "orders", sampleRate: 0.1), draw: draw)
            let invocation = fixture.logger.startInvocation(LoggerFixture.context(), correlationID: nil)
            invocation.logger.debug("Cache miss")
            invocation.logger.info("Answered")
            #expect(invocation.isSampled == expectsDebug)
            let objects = try fixture.objects()
            #expect(
                objects.map { $0["message"] as? String } == (expectsDebug ? ["Cache miss", "Answered"] : ["Answered"]))
            #expect(objects.allSatisfy { $0["sampling_rate"] as? Double == 0.1 })
        }
    }

    /// Buffered debug lines appear only when the invocation logs an error (before the error line) or fails.
    @Test func bufferedDebugLinesAreWrittenOnlyWhenAnErrorIsLogged() throws {
        let configuration = LoggerConfiguration(service: "orders", buffering: LogBuffering(maxBytes: 10_000))
        let fixture = LoggerFixture(configuration)

        let quiet = fixture.logger.startInvocation(LoggerFixture.context(requestID: "ok"), correlationID: nil)
        quiet.logger.debug("Step 1")
        quiet.logger.info("Answered")
        quiet.end(failed: false)
        let failing = fixture.logger.startInvocation(LoggerFixture.context(requestID: "bad"), correlationID: nil)
        failing.logger.debug("Step 1")
        failing.logger.debug("Step 2")
        failing.logger.error("Store unavailable")
        failing.end(failed: false)
        let thrown = fixture.logger.startInvocation(LoggerFixture.context(requestID: "thrown"), correlationID: nil)
        thrown.logger.debug("Before the throw")
        thrown.end(failed: true)

        let objects = try fixture.objects()
        let lines = objects.map { "\($0["function_request_id"] as? String ?? "-") \($0["message"] as? String ?? "-")" }
        #expect(
            lines == ["ok Answered", "bad Step 1", "bad Step 2", "bad Store unavailable", "thrown Before the throw"])
    }

    @Test func aFullBufferDropsItsOldestLinesAndSaysSo() throws {
        let fixture = LoggerFixture(LoggerConfiguration(service: "orders", buffering: LogBuffering(maxBytes: 1_200)))
        let invocation = fixture.logger.startInvocation(LoggerFixture.context(), correlationID: nil)
        for step in 1...10 { invocation.logger.debug("Step \(step)") }
        invocation.logger.error("Failed")
        let messages = try fixture.objects().compactMap { $0["message"] as? String }
        #expect(messages.first?.contains("buffered log lines were dropped") == true)
        #expect(messages.last == "Failed")
        #expect(messages.contains("Step 10"))
        #expect(!messages.contains("Step 1"))
        #expect(fixture.sink.lines.allSatisfy { $0.utf8.count < 1_200 })
    }
}
