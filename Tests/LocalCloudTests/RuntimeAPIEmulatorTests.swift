import Foundation
import LambdaRuntime
import LocalCloud
import NIOCore
import Observability
import StratusTesting
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The emulator's answers to requests the protocol does not allow, checked over raw HTTP.
@Suite("Runtime API emulator protocol")
struct RuntimeAPIEmulatorTests {
    /// Runs an emulator for `body` and stops it afterwards.
    static func withEmulator<T>(
        timeout: Duration = .seconds(3),
        _ body: (RuntimeAPIEmulator, URL) async throws -> T
    ) async throws -> T {
        let emulator = RuntimeAPIEmulator(function: FunctionMetadata(name: "probe"), timeout: timeout)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await emulator.run() }
            let address = try await emulator.listeningAddress()
            let base = URL(string: "http://\(address)/2018-06-01/runtime")!
            do {
                let result = try await body(emulator, base)
                emulator.runtimeGone(LambdaFunctionError(errorMessage: "test over", errorType: "Test.Over"))
                group.cancelAll()
                return result
            } catch {
                emulator.runtimeGone(LambdaFunctionError(errorMessage: "test over", errorType: "Test.Over"))
                group.cancelAll()
                throw error
            }
        }
    }

    static func send(
        _ method: String,
        _ url: URL,
        body: Data? = nil,
        headers: [String: String] = [:]
    ) async throws -> (status: Int, headers: [String: String], body: Data) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        request.timeoutInterval = 10
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            fields[String(describing: name).lowercased()] = String(describing: value)
        }
        return (http.statusCode, fields, data)
    }

    static func errorType(_ body: Data) -> String? {
        (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["errorType"] as? String
    }

    @Test func nextCarriesTheEventAndEveryHeader() async throws {
        try await Self.withEmulator { emulator, base in
            let invoked = WallClock.nowMilliseconds()
            async let result = emulator.invoke(
                InvocationRequest(
                    requestID: "req-1", event: ByteBuffer(string: #"{"a":1}"#), clientContext: #"{"custom":{}}"#)
            )
            let next = try await Self.send("GET", base.appendingPathComponent("invocation/next"))
            let handedOut = WallClock.nowMilliseconds()
            #expect(next.status == 200)
            #expect(next.body == Data(#"{"a":1}"#.utf8))
            #expect(next.headers["lambda-runtime-aws-request-id"] == "req-1")
            #expect(
                next.headers["lambda-runtime-invoked-function-arn"]
                    == "arn:aws:lambda:us-east-1:123456789012:function:probe")
            #expect(next.headers["lambda-runtime-client-context"] == #"{"custom":{}}"#)
            // An invocation that arrives without a trace is handed a new, unsampled one.
            let trace = try #require(next.headers["lambda-runtime-trace-id"].flatMap(XRayTraceHeader.init))
            #expect(trace.parent != nil && trace.sampled == false)
            let deadline = try #require(next.headers["lambda-runtime-deadline-ms"].flatMap(Int64.init))
            // The deadline is the function's 3 s timeout from when the invocation arrived, however slow the machine.
            #expect(deadline >= invoked + 3000 && deadline <= handedOut + 3000)

            let accepted = try await Self.send(
                "POST", base.appendingPathComponent("invocation/req-1/response"), body: Data("42".utf8))
            #expect(accepted.status == 202)
            #expect(await result.outcome == .response(ByteBuffer(string: "42")))
        }
    }

    @Test func invocationsGetDistinctLowerCaseUUIDsAsRequestIDs() {
        let first = InvocationRequest(event: ByteBuffer()).requestID
        let second = InvocationRequest(event: ByteBuffer()).requestID
        #expect(UUID(uuidString: first) != nil && first == first.lowercased())
        #expect(first != second)
    }

    @Test func reportsForUnknownRequestsAreRefusedWith400() async throws {
        try await Self.withEmulator { _, base in
            let refused = try await Self.send(
                "POST", base.appendingPathComponent("invocation/nobody/response"), body: Data("{}".utf8))
            #expect(refused.status == 400)
            #expect(Self.errorType(refused.body) == "InvalidRequestID")
        }
    }

    @Test func aSecondPollWhileOneIsInFlightIsAnInvalidStateTransition() async throws {
        try await Self.withEmulator { emulator, base in
            async let result = emulator.invoke(InvocationRequest(requestID: "req-2", event: ByteBuffer(string: "{}")))
            _ = try await Self.send("GET", base.appendingPathComponent("invocation/next"))
            let second = try await Self.send("GET", base.appendingPathComponent("invocation/next"))
            #expect(second.status == 403)
            #expect(Self.errorType(second.body) == "InvalidStateTransition")
            let error = try await Self.send(
                "POST",
                base.appendingPathComponent("invocation/req-2/error"),
                body: Data(#"{"errorMessage":"boom","errorType":"KeyError","stackTrace":["line 1"]}"#.utf8),
                headers: ["Lambda-Runtime-Function-Error-Type": "Unhandled"]
            )
            #expect(error.status == 202)
            #expect(
                await result.outcome
                    == .error(LambdaFunctionError(errorMessage: "boom", errorType: "KeyError", stackTrace: ["line 1"])))
        }
    }

    @Test func initErrorsAreAcceptedOnlyBeforeTheFirstPollAndFailWaitingInvocations() async throws {
        try await Self.withEmulator { emulator, base in
            async let waiting = emulator.invoke(InvocationRequest(event: ByteBuffer(string: "{}")))
            try await eventually { emulator.queuedInvocationCount == 1 }
            let accepted = try await Self.send(
                "POST",
                base.appendingPathComponent("init/error"),
                body: Data(#"{"errorMessage":"no config","errorType":"Runtime.ConfigInvalid"}"#.utf8)
            )
            #expect(accepted.status == 202)
            #expect(await waiting.error?.errorType == "Runtime.ConfigInvalid")
            #expect(emulator.initializationFailure?.errorMessage == "no config")
            let later = await emulator.invoke(InvocationRequest(event: ByteBuffer(string: "{}")))
            #expect(later.error?.errorMessage == "no config")
        }
        try await Self.withEmulator { emulator, base in
            async let result = emulator.invoke(InvocationRequest(requestID: "req-3", event: ByteBuffer(string: "{}")))
            _ = try await Self.send("GET", base.appendingPathComponent("invocation/next"))
            let late = try await Self.send("POST", base.appendingPathComponent("init/error"), body: Data("{}".utf8))
            #expect(late.status == 403)
            _ = try await Self.send(
                "POST", base.appendingPathComponent("invocation/req-3/response"), body: Data("1".utf8))
            _ = await result
        }
    }

    @Test func anOversizedResponseIsRefusedWith413AndFailsTheInvocation() async throws {
        // A deadline far off: sending 6 MB on a loaded machine must not make the invocation time out first.
        try await Self.withEmulator(timeout: .seconds(60)) { emulator, base in
            async let result = emulator.invoke(InvocationRequest(requestID: "req-4", event: ByteBuffer(string: "{}")))
            _ = try await Self.send("GET", base.appendingPathComponent("invocation/next"))
            let body = Data(repeating: UInt8(ascii: "x"), count: LambdaLimits.maxResponseBytes + 10)
            let refused = try await Self.send(
                "POST", base.appendingPathComponent("invocation/req-4/response"), body: body)
            #expect(refused.status == 413)
            #expect(Self.errorType(refused.body) == "RequestEntityTooLarge")
            #expect(await result.error?.errorType == "Function.ResponseSizeTooLarge")
        }
    }

    @Test func anInvocationIsTimedOutAtItsOwnDeadlineNotAnEarlierOnes() async throws {
        // Deadlines: the first at 1 s (+ 250 ms grace), the second handed out 0.5 s later. The watchdog's first round,
        // at the first's deadline, must leave the second alone; the second's own deadline ends it.
        try await Self.withEmulator(timeout: .seconds(1)) { emulator, base in
            async let first = emulator.invoke(InvocationRequest(requestID: "req-6", event: ByteBuffer(string: "{}")))
            _ = try await Self.send("GET", base.appendingPathComponent("invocation/next"))
            _ = try await Self.send("POST", base.appendingPathComponent("invocation/req-6/response"), body: Data())
            #expect(await first.error == nil)
            try await Task.sleep(for: .milliseconds(500))

            async let second = emulator.invoke(InvocationRequest(requestID: "req-7", event: ByteBuffer(string: "{}")))
            // The emulator starts the deadline when it hands the invocation out, at the earliest when `next` is
            // sent: timed from then, a loaded machine's slow `next` cannot make a late answer look timely.
            let askedForNext = ContinuousClock.now
            _ = try await Self.send("GET", base.appendingPathComponent("invocation/next"))
            try await Task.sleep(for: .milliseconds(900))
            let answered = try await Self.send(
                "POST", base.appendingPathComponent("invocation/req-7/response"), body: Data("7".utf8))
            let secondResult = await second
            if ContinuousClock.now - askedForNext < .milliseconds(1250) {
                #expect(answered.status == 202, "answered within its deadline and grace")
                #expect(secondResult.outcome == .response(ByteBuffer(string: "7")))
            } else if secondResult.error != nil {
                // Too slow a machine to answer in time: it may have timed out, but only at its own deadline, never at
                // the first's watchdog round (about 0.75 s after it was handed out).
                #expect(secondResult.error?.errorType == "Sandbox.Timedout")
                #expect(secondResult.duration >= .seconds(1), "timed out at its own deadline, not the first's")
            }

            async let third = emulator.invoke(InvocationRequest(requestID: "req-8", event: ByteBuffer(string: "{}")))
            // Timed from before `next` is sent, the earliest its deadline can start: timed from `next`'s answer, a
            // loaded machine's slow answer ate into the second and made an on-time timeout look early.
            let thirdAskedForNext = ContinuousClock.now
            _ = try await Self.send("GET", base.appendingPathComponent("invocation/next"))
            #expect(await third.error?.errorType == "Sandbox.Timedout")
            #expect(ContinuousClock.now - thirdAskedForNext >= .milliseconds(900), "not before its own deadline")
        }
    }

    @Test func anUnansweredInvocationTimesOutAfterItsDeadline() async throws {
        try await Self.withEmulator(timeout: .milliseconds(300)) { emulator, base in
            async let result = emulator.invoke(InvocationRequest(event: ByteBuffer(string: "{}")))
            _ = try await Self.send("GET", base.appendingPathComponent("invocation/next"))
            #expect(await result.error?.errorType == "Sandbox.Timedout")
        }
    }
}
