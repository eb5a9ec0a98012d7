import App
import Cloud
import LambdaRuntime
import LocalCloud
import NIOCore
import StratusTesting
import Synchronization
import Testing

@Suite("In-process function instances")
struct InProcessFunctionInstanceTests {
    struct Sleeper: LambdaHandler {
        func handle(_ event: [String: Int], context: LambdaContext) async throws -> [String: Bool] {
            try await Task.sleep(for: .milliseconds(event["milliseconds"] ?? 0))
            return ["coldStart": context.isColdStart]
        }
    }

    /// Counts how often its handler was built.
    final class Builds: Sendable {
        let count = Mutex(0)
    }

    static func instance(_ function: Function, sink: InMemoryLogSink = InMemoryLogSink()) -> InProcessFunctionInstance {
        InProcessFunctionInstance(function: function, metadata: FunctionMetadata(name: function.name), logSink: sink)
    }

    @Test func theHandlerIsBuiltOnceAndOnlyTheFirstInvocationIsCold() async throws {
        let builds = Builds()
        let function = Function("sleeper") { _ in
            builds.count.withLock { $0 += 1 }
            return Sleeper()
        }
        let instance = Self.instance(function)
        let first = await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}")))
        let second = await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}")))
        #expect(try first.responseJSON()["coldStart"] as? Bool == true)
        #expect(try second.responseJSON()["coldStart"] as? Bool == false)
        #expect(first.initDuration != nil && second.initDuration == nil)
        #expect(builds.count.withLock { $0 } == 1)
    }

    @Test func anInvocationPastItsTimeoutIsReportedAtTheDeadline() async {
        let sink = InMemoryLogSink()
        let instance = Self.instance(Function("sleeper", timeout: .milliseconds(200)) { _ in Sleeper() }, sink: sink)
        let started = ContinuousClock.now
        let result = await instance.invoke(InvocationRequest(event: ByteBuffer(string: #"{"milliseconds": 600000}"#)))
        #expect(result.error == .timeout(after: .milliseconds(200)))
        // Answered at the deadline, not when the handler's ten-minute sleep ends. The bound is far from both: a test
        // process starved of CPU while the suite's servers start has stalled for over 20 s on two cores.
        #expect(ContinuousClock.now - started < .seconds(120))
        #expect(sink.lines.contains { $0.contains("Task timed out after 0.20 seconds") })
        #expect(result.reportLine(memorySizeMB: 128).hasSuffix("Status: timeout"))
    }

    @Test func aFailedInitialisationIsTriedAgainByTheNextInvocation() async throws {
        let builds = Builds()
        let function = Function("flaky") { _ -> Sleeper in
            let attempt = builds.count.withLock { count in
                count += 1
                return count
            }
            if attempt == 1 { throw ManifestError.invalidSetting(function: "flaky", "first start fails") }
            return Sleeper()
        }
        let instance = Self.instance(function)
        let first = await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}")))
        #expect(first.error?.errorType == "Runtime.ConfigInvalid")
        let second = await instance.invoke(InvocationRequest(event: ByteBuffer(string: "{}")))
        #expect(try second.responseJSON()["coldStart"] as? Bool == true)
    }

    @Test func theReferenceHealthFunctionAnswersInProcess() async throws {
        let health = try #require(ReferenceApp.manifest.function(named: "health"))
        let instance = Self.instance(health)
        let result = await instance.invoke(InvocationRequest(event: ByteBuffer(string: ExampleEvents.health)))
        #expect(
            try result.responseJSON()["statusCode"] as? Int == 503, "this instance has no store, and health says so")
        let report = result.reportLine(memorySizeMB: 128, peakMemoryBytes: instance.peakMemoryBytes)
        #expect(report.hasPrefix("REPORT RequestId: \(result.requestID)\tDuration: "))
        #expect(report.contains("\tBilled Duration: ") && report.contains("\tMemory Size: 128 MB\tMax Memory Used: "))
        #expect(report.contains("\tInit Duration: "))
    }
}
