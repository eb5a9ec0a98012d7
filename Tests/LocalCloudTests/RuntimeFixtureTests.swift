import Cloud
import Foundation
import LambdaRuntime
import LocalCloud
import NIOCore
import StratusTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The runtime's deadline, SIGTERM, trace and concurrency behaviour, through a fixture executable that runs
/// misbehaving functions with the same `Lambda.main` as `bootstrap`.
@Suite("Runtime behaviour under stress", .serialized)
struct RuntimeFixtureTests {
    static func fixture(_ name: String, timeout: Duration = .seconds(1)) -> Function {
        externalFunction(name, timeout: timeout)
    }

    @Test(arguments: [false, true])
    func anInvocationPastItsDeadlineIsReportedByTheRuntimeWhichThenExits(blocking: Bool) async throws {
        // The emulator would declare the timeout only 5 s after the deadline, 6 s in; the exit status below (the
        // runtime's own 1, not the emulator's kill) tells whose report it is, so the time bound only shows that the
        // answer did not wait for the handler's 30 s, with room for a machine busy with the rest of the suite.
        try await withProcessInstance(
            executable: TestEnvironment.runtimeFixtures,
            function: Self.fixture("sleep"),
            timeoutGrace: .seconds(5)
        ) { instance in
            let started = ContinuousClock.now
            let result = await instance.invoke(
                InvocationRequest(event: ByteBuffer(string: #"{"milliseconds": 30000, "blocking": \#(blocking)}"#))
            )
            #expect(result.error?.errorType == "Sandbox.Timedout")
            let message = try #require(result.error?.errorMessage)
            let seconds = Double(
                message.replacingOccurrences(of: "Task timed out after ", with: "").replacingOccurrences(
                    of: " seconds", with: ""))
            #expect(seconds.map { (0.9...1.1).contains($0) } == true, "\(message)")
            #expect(ContinuousClock.now - started < .seconds(20))
            // Status 1 is the runtime's own exit; the emulator's kill would give 137.
            #expect(await instance.waitForExit() == 1)
        }
    }

    @Test func sigtermLetsTheInvocationInFlightFinishThenExitsZero() async throws {
        let lines = InMemoryLogSink()
        try await withProcessInstance(
            executable: TestEnvironment.runtimeFixtures, function: Self.fixture("sleep", timeout: .seconds(5)),
            logSink: lines
        ) { instance in
            _ = await instance.invoke(InvocationRequest(event: ByteBuffer(string: #"{"milliseconds": 1}"#)))
            async let slow = instance.invoke(InvocationRequest(event: ByteBuffer(string: #"{"milliseconds": 600}"#)))
            // SIGTERM once the handler runs: before the runtime has the invocation, it would exit as an idle one.
            try await eventually { lines.lines.contains { $0.contains("Sleeping 600 ms") } }
            kill(instance.processIdentifier, SIGTERM)
            let result = await slow
            #expect(try result.responseJSON()["slept"] as? Int == 600)
            #expect(await instance.waitForExit() == 0)
        }
    }

    @Test func aThrowingInitialiserIsAnInitError() async throws {
        try await withProcessInstance(
            executable: TestEnvironment.runtimeFixtures, function: Self.fixture("failing-init")
        ) { instance in
            let result = await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}")))
            #expect(
                result.error
                    == LambdaFunctionError(errorMessage: "the database is unreachable", errorType: "FixtureError"))
            #expect(await instance.waitForExit() == 1)
        }
    }

    @Test func aHandlerErrorIsReportedWithItsType() async throws {
        try await withProcessInstance(executable: TestEnvironment.runtimeFixtures, function: Self.fixture("fail")) {
            instance in
            let result = await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}")))
            #expect(result.error == LambdaFunctionError(errorMessage: "payment declined", errorType: "FixtureError"))
        }
    }

    @Test func theTraceIDIsExportedAsXAmznTraceIDDuringTheInvocation() async throws {
        try await withProcessInstance(executable: TestEnvironment.runtimeFixtures, function: Self.fixture("trace-env"))
        { instance in
            let trace = "Root=1-6740d5a1-00000000000000000000000a;Parent=000000000000000b;Sampled=1"
            let response = try await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}"), traceID: trace))
                .responseJSON()
            #expect(response["context"] as? String == trace)
            #expect(response["environment"] as? String == trace)
        }
    }

    /// The first worker is the thread that called `Lambda.main`, so a cold start's first invocation waits for no
    /// thread to start.
    @Test func theFirstWorkerServesOnTheProcessMainThread() async throws {
        try await withProcessInstance(executable: TestEnvironment.runtimeFixtures, function: Self.fixture("thread")) {
            instance in
            let response = try await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}"))).responseJSON()
            #expect(response["mainThread"] as? Bool == true)
        }
    }

    @Test func aRuntimeThatDiesMidInvocationIsAnExitError() async throws {
        try await withProcessInstance(executable: TestEnvironment.runtimeFixtures, function: Self.fixture("crash")) {
            instance in
            let result = await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}")))
            #expect(
                result.error
                    == LambdaFunctionError(
                        errorMessage: "Runtime exited with error: exit status 3", errorType: "Runtime.ExitError"))
        }
    }

    @Test func managedInstancesServeInvocationsConcurrentlyInOneProcess() async throws {
        try await withProcessInstance(
            executable: TestEnvironment.runtimeFixtures,
            function: Self.fixture("sleep", timeout: .seconds(5)),
            concurrency: 3
        ) { instance in
            _ = await instance.invoke(InvocationRequest(event: ByteBuffer(string: #"{"milliseconds": 1}"#)))
            let started = ContinuousClock.now
            let results = await withTaskGroup(of: InvocationResult.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        await instance.invoke(InvocationRequest(event: ByteBuffer(string: #"{"milliseconds": 2000}"#)))
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let elapsed = ContinuousClock.now - started
            let processIDs = try Set(results.map { try $0.responseJSON()["processID"] as? Int })
            #expect(processIDs == [Int(instance.processIdentifier)])
            // One after the other they would take 6 s; overlapping, 2 s plus what a loaded machine adds.
            #expect(elapsed < .milliseconds(4500), "three 2 s invocations took \(elapsed): they did not overlap")
        }
    }
}
