import Cloud
import Foundation
import LambdaRuntime
import LocalCloud
import NIOCore
import StratusTesting
import Testing

/// AWS's own Python runtime interface client against the Runtime API emulator: the emulator must speak the protocol
/// the way Lambda does for a client we did not write.
@Suite(
    "awslambdaric against the Runtime API emulator", .serialized, .enabled(if: TestEnvironment.awsLambdaRICAvailable))
struct AWSLambdaRICTests {
    static let handlers = TestEnvironment.packageRoot.appendingPathComponent("Tests/Fixtures/python").path

    static func withPythonRuntime<T>(
        handler: String,
        timeout: Duration = .seconds(3),
        _ body: (ProcessFunctionInstance) async throws -> T
    ) async throws -> T {
        let python = try #require(TestEnvironment.python, "awslambdaric is not installed: run scripts/test.sh")
        return try await withProcessInstance(
            executable: python,
            arguments: ["-m", "awslambdaric", handler],
            function: externalFunction("python-\(handler.replacingOccurrences(of: ".", with: "-"))", timeout: timeout),
            environment: ["PYTHONPATH": Self.handlers, "PYTHONDONTWRITEBYTECODE": "1"],
            body
        )
    }

    @Test func successWithTheFullContext() async throws {
        try await Self.withPythonRuntime(handler: "handlers.ok") { instance in
            let trace = "Root=1-6740d5a1-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=1"
            let request = InvocationRequest(
                event: ByteBuffer(string: #"{"quantity": 2}"#),
                traceID: trace,
                clientContext: #"{"client":{"app_title":"Shop"},"custom":{},"env":{}}"#,
                cognitoIdentity: #"{"cognitoIdentityId":"us-east-1:abc","cognitoIdentityPoolId":"us-east-1:pool"}"#
            )
            let response = try await instance.invoke(request).responseJSON()
            #expect(response["event"] as? [String: Int] == ["quantity": 2])
            #expect(response["requestId"] as? String == request.requestID)
            #expect(
                response["functionArn"] as? String
                    == "arn:aws:lambda:us-east-1:123456789012:function:python-handlers-ok")
            #expect(response["memoryLimitInMB"] as? String == "128")
            #expect((response["remainingTimeMs"] as? Int).map { $0 > 1000 && $0 <= 3000 } == true)
            #expect(response["traceEnvironment"] as? String == trace)
            #expect(response["clientContextApp"] as? String == "Shop")
            #expect(response["identityPool"] as? String == "us-east-1:pool")
        }
    }

    @Test func aHandlerErrorArrivesWithTypeMessageAndStackTrace() async throws {
        try await Self.withPythonRuntime(handler: "handlers.fail") { instance in
            let report = try #require(await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}"))).error)
            #expect(report.errorType == "ValueError")
            #expect(report.errorMessage == "quantity must be positive")
            #expect(report.stackTrace.contains { $0.contains("handlers.py") })
            #expect(instance.isAlive)
        }
    }

    @Test func aMissingModuleIsAnInitError() async throws {
        try await Self.withPythonRuntime(handler: "no_such_module.handler") { instance in
            let report = try #require(await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}"))).error)
            #expect(report.errorType == "Runtime.ImportModuleError")
            #expect(report.errorMessage.contains("no_such_module"))
            #expect(await instance.waitForExit() == 1)
        }
    }

    @Test func aHandlerPastItsDeadlineTimesOutAndTheInstanceIsEnded() async throws {
        try await Self.withPythonRuntime(handler: "handlers.sleepy", timeout: .seconds(1)) { instance in
            let started = ContinuousClock.now
            let report = try #require(
                await instance.invoke(InvocationRequest(event: ByteBuffer(string: #"{"seconds": 30}"#))).error)
            #expect(report.errorType == "Sandbox.Timedout")
            #expect(report.errorMessage == "Task timed out after 1.00 seconds")
            // Cut at the 1 s deadline, not after the handler's 30 s (20 s leaves room for a busy machine).
            #expect(ContinuousClock.now - started < .seconds(20))
            #expect(await instance.waitForExit() == 128 + 9)
        }
    }

    @Test func anOversizedResponseIsRefusedWith413AndReported() async throws {
        try await Self.withPythonRuntime(handler: "handlers.oversized") { instance in
            let report = try #require(await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}"))).error)
            #expect(report.errorType == "Function.ResponseSizeTooLarge")
            #expect(report.errorMessage.hasPrefix("Response payload size (7000002 bytes)"))
        }
    }

    @Test func sigtermEndsTheRuntimeAndLaterInvocationsSeeTheExit() async throws {
        try await Self.withPythonRuntime(handler: "handlers.ok") { instance in
            #expect(await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}"))).error == nil)
            let status = await instance.stop(grace: .seconds(2))
            #expect(status == 0 || status == 128 + 15)
            let after = await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}")))
            #expect(after.error?.errorType == "Runtime.ExitError")
        }
    }
}
