import App
import Cloud
import Foundation
import LambdaRuntime
import LocalCloud
import NIOCore
import Observability
import Services
import StratusTesting
import Testing

/// The real `bootstrap` executable against the Runtime API emulator.
@Suite("bootstrap against the Runtime API emulator", .serialized)
struct BootstrapRuntimeTests {
    static let health = ReferenceApp.manifest.function(named: "health")!
    static let echo = ReferenceApp.manifest.function(named: "echo")!

    @Test func healthAnswersAndReportsItsColdStartOnce() async throws {
        try await withProcessInstance(executable: TestEnvironment.bootstrap, function: Self.health) { instance in
            let first = await instance.invoke(InvocationRequest(event: ByteBuffer(string: ExampleEvents.health)))
            let second = await instance.invoke(InvocationRequest(event: ByteBuffer(string: ExampleEvents.health)))
            // Without STRATUS_TABLE_NAME the Lambda binary has no table to check, and its health says so.
            for (result, coldStart) in [(first, true), (second, false)] {
                let response = try result.responseJSON()
                #expect(response["statusCode"] as? Int == 503)
                let body = try #require((response["body"] as? String)?.data(using: .utf8))
                let status = try JSONDecoder().decode(HealthStatus.self, from: body)
                #expect(
                    status
                        == HealthStatus(
                            status: "degraded", version: ReferenceApp.version, coldStart: coldStart,
                            checks: ["store": HealthStatus.failing]))
            }
            #expect(first.initDuration != nil)
            #expect(second.initDuration == nil)
            #expect((instance.peakMemoryBytes ?? 0) > 0)
        }
    }

    @Test func echoSeesTheWholeContext() async throws {
        try await withProcessInstance(executable: TestEnvironment.bootstrap, function: Self.echo) { instance in
            let trace = "Root=1-6740d5a1-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=1"
            let request = InvocationRequest(
                event: ByteBuffer(string: #"{"order":{"id":42}}"#),
                traceID: trace,
                clientContext: #"{"client":{"app_title":"Shop"},"custom":{"k":"v"},"env":{"platform":"iOS"}}"#,
                cognitoIdentity: #"{"cognitoIdentityId":"us-east-1:abc","cognitoIdentityPoolId":"us-east-1:pool"}"#
            )
            let response = try await instance.invoke(request).responseJSON()
            #expect((response["event"] as? [String: Any])?["order"] as? [String: Int] == ["id": 42])
            let context = try #require(response["context"] as? [String: Any])
            #expect(context["requestId"] as? String == request.requestID)
            #expect(context["functionName"] as? String == "echo")
            #expect(context["invokedFunctionArn"] as? String == "arn:aws:lambda:us-east-1:123456789012:function:echo")
            #expect(context["memoryLimitInMB"] as? Int == 128)
            #expect(context["logGroupName"] as? String == "/aws/lambda/echo")
            #expect(context["traceId"] as? String == trace)
            #expect((context["remainingTimeMs"] as? Int).map { $0 > 2000 && $0 <= 3000 } == true)
            #expect(
                ((context["clientContext"] as? [String: Any])?["client"] as? [String: String])?["app_title"] == "Shop")
            #expect((context["identity"] as? [String: String])?["cognitoIdentityPoolId"] == "us-east-1:pool")
        }
    }

    @Test func anEventTheHandlerCannotDecodeIsAFunctionErrorAndTheInstanceLivesOn() async throws {
        try await withProcessInstance(executable: TestEnvironment.bootstrap, function: Self.health) { instance in
            let failed = await instance.invoke(
                InvocationRequest(event: ByteBuffer(string: #"{"not":"an http event"}"#)))
            let report = try #require(failed.error)
            #expect(report.errorType == "Runtime.EventDecodingError")
            #expect(report.errorMessage.contains("APIGatewayV2Request"))
            #expect(instance.isAlive)
            let next = await instance.invoke(InvocationRequest(event: ByteBuffer(string: ExampleEvents.health)))
            #expect(next.error == nil)
        }
    }

    @Test func anUnknownHandlerIsAnInitErrorThatListsTheKnownFunctions() async throws {
        try await withProcessInstance(
            executable: TestEnvironment.bootstrap,
            function: Self.echo,
            environment: ["_HANDLER": "payments"]
        ) { instance in
            let result = await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}")))
            #expect(
                result.error
                    == LambdaFunctionError(
                        errorMessage:
                            "No function named 'payments'. Known functions: health, auth, users, orders, "
                            + "notifications-api, notifications-worker, analytics-worker, analytics-api, dead-letters, "
                            + "dead-letters-api, outbox-relay, echo",
                        errorType: "Runtime.HandlerNotFound"
                    )
            )
            #expect(await instance.waitForExit() == 1)
        }
    }

    @Test func aMalformedConfigurationIsAnInitError() async throws {
        try await withProcessInstance(
            executable: TestEnvironment.bootstrap,
            function: Self.echo,
            environment: ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "lots"]
        ) { instance in
            let result = await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}")))
            #expect(result.error?.errorType == "Runtime.ConfigInvalid")
            #expect(
                result.error?.errorMessage == "AWS_LAMBDA_FUNCTION_MEMORY_SIZE must be a positive integer, got 'lots'")
            #expect(await instance.waitForExit() == 1)
        }
    }

    /// `echo` with a 30 s timeout instead of 3 s: copying 6 MB in and out of a debug build on a loaded machine can
    /// take longer than 3 s, and a timeout would replace the error this test is about.
    static let patientEcho = Function("echo", timeout: .seconds(30)) { _ in EchoHandler() }

    @Test func anOversizedResponseIsReportedAndTheInstanceLivesOn() async throws {
        try await withProcessInstance(executable: TestEnvironment.bootstrap, function: Self.patientEcho) { instance in
            let bigString = String(repeating: "x", count: 6_291_200)
            let result = await instance.invoke(InvocationRequest(event: ByteBuffer(string: "\"\(bigString)\"")))
            #expect(result.error?.errorType == "Function.ResponseSizeTooLarge")
            #expect(result.error?.errorMessage.hasPrefix("Response payload size (6291") == true)
            #expect(instance.isAlive)
            #expect(await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}"))).error == nil)
        }
    }

    @Test func sigtermWhileIdleExitsCleanly() async throws {
        try await withProcessInstance(executable: TestEnvironment.bootstrap, function: Self.echo) { instance in
            #expect(await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}"))).error == nil)
            let started = ContinuousClock.now
            #expect(await instance.stop(grace: .seconds(5)) == 0)
            // Well before the 5 s grace after which the instance would be killed, on a loaded machine too.
            #expect(ContinuousClock.now - started < .seconds(4))
        }
    }

    @Test func underTheJSONLogFormatEveryLineUpToTheShutdownIsAJSONObject() async throws {
        let sink = InMemoryLogSink()
        try await withProcessInstance(
            executable: TestEnvironment.bootstrap, function: Self.echo,
            environment: ["AWS_LAMBDA_LOG_FORMAT": "JSON"], logSink: sink
        ) { instance in
            #expect(await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}"))).error == nil)
            #expect(await instance.invoke(InvocationRequest(event: ByteBuffer(string: "not json"))).error != nil)
            #expect(await instance.stop(grace: .seconds(5)) == 0)
        }
        let objects = try jsonObjects(sink.lines)
        let shutdown = try #require(objects.first { ($0["message"] as? String)?.hasPrefix("SIGTERM received") == true })
        #expect(shutdown["level"] as? String == "INFO")
        #expect((shutdown["timestamp"] as? String)?.hasSuffix("Z") == true)
        #expect(shutdown["requestId"] == nil)
        let failed = try #require(objects.first { $0["message"] as? String == "Invocation failed" })
        #expect(failed["level"] as? String == "ERROR")
        #expect((failed["requestId"] as? String)?.isEmpty == false)
    }

    @Test func underTheJSONLogFormatAMalformedConfigurationIsAFatalJSONLine() async throws {
        let sink = InMemoryLogSink()
        try await withProcessInstance(
            executable: TestEnvironment.bootstrap, function: Self.echo,
            environment: ["AWS_LAMBDA_LOG_FORMAT": "JSON", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "lots"], logSink: sink
        ) { instance in
            #expect(
                await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}"))).error?.errorType
                    == "Runtime.ConfigInvalid")
            #expect(await instance.waitForExit() == 1)
        }
        let objects = try jsonObjects(sink.lines)
        let fatal = try #require(
            objects.first { ($0["message"] as? String)?.hasPrefix("Runtime.ConfigInvalid") == true })
        #expect(fatal["level"] as? String == "FATAL")
    }

    @Test func theLogLevelFiltersTheRuntimesOwnLines() async throws {
        let sink = InMemoryLogSink()
        try await withProcessInstance(
            executable: TestEnvironment.bootstrap, function: Self.echo,
            environment: ["AWS_LAMBDA_LOG_FORMAT": "JSON", "AWS_LAMBDA_LOG_LEVEL": "WARN"], logSink: sink
        ) { instance in
            #expect(await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}"))).error == nil)
            #expect(await instance.stop(grace: .seconds(5)) == 0)
        }
        let objects = try jsonObjects(sink.lines)
        #expect(!objects.contains { ($0["message"] as? String)?.hasPrefix("SIGTERM received") == true })
    }

    @Test func tracedInvocationsSendSegmentsOfTheHandedOverTraceToTheDaemonAndTheirLinesAreCaptured() async throws {
        let recorder = TelemetryRecorder(store: try TelemetryStore(path: nil))
        let daemon = try await XRayDaemonListener.start(port: 0, recorder: recorder)
        defer { Task { await daemon.close() } }
        let root = XRayTraceHeader.newTraceID()
        let lambdaSegment = XRayTraceHeader.newSegmentID()
        try await withProcessInstance(
            executable: TestEnvironment.bootstrap, function: Self.health,
            environment: ["AWS_XRAY_DAEMON_ADDRESS": daemon.address()],
            logSink: recorder.capturing("health", forwardingTo: InMemoryLogSink())
        ) { instance in
            let sampled = InvocationRequest(
                event: ByteBuffer(string: ExampleEvents.health),
                traceID: "Root=\(root);Parent=\(lambdaSegment);Sampled=1")
            _ = try await instance.invoke(sampled).responseJSON()
            let unsampled = XRayTraceHeader.newTraceID()
            _ = try await instance.invoke(
                InvocationRequest(
                    event: ByteBuffer(string: ExampleEvents.health), traceID: "Root=\(unsampled);Sampled=0")
            ).responseJSON()

            let documents = try await segments(of: root, in: recorder)
            let handler = try #require(documents.first)
            #expect(documents.count == 1)
            #expect(handler.name == "## health" && handler.type == "subsegment")
            #expect(handler.traceID == root && handler.parentID == lambdaSegment)
            #expect(handler.annotations == ["ColdStart": .bool(true), "Service": .string("health")])
            // The health check reads the store: its call is a DynamoDB subsegment, failed since the binary has no store.
            let call = try #require(handler.subsegments?.first)
            #expect(call.name == "DynamoDB" && call.namespace == "aws" && call.fault == true)
            #expect(try await recorder.store.segments(ofTrace: unsampled).isEmpty)

            // Its output reached the recorder as CloudWatch would read it: the ColdStart EMF document. The process's
            // lines travel through a pipe and the recorder's batches (written every 250 ms), so they are awaited.
            try await eventually {
                let lines = try await recorder.store.logs(LogFilter(function: "health"))
                let points = try await recorder.store.metrics(namespace: nil, name: "ColdStart", since: 0)
                return lines.contains { $0.level == "METRIC" && $0.line.contains(#""ColdStart":1"#) } && !points.isEmpty
            }
            #expect(try await recorder.store.metrics(namespace: nil, name: "ColdStart", since: 0).count == 1)
        }
    }
}
