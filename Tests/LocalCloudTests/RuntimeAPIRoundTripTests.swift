import Foundation
import Glibc
import LambdaRuntime
import NIOCore
import Testing

@testable import LocalCloud

/// What the emulator's fast path relies on: a caller on the thread of the runtime's connection, answers in the order
/// of the requests, the point where a warm invocation's clock starts, paths it does not serve, and the cheap read of a
/// process's peak memory.
@Suite("Runtime API emulator round trip")
struct RuntimeAPIRoundTripTests {
    typealias Emulator = RuntimeAPIEmulatorTests

    @Test func aCallerThatPrefersTheEmulatorsExecutorGetsItsResult() async throws {
        try await Emulator.withEmulator { emulator, base in
            let result = try await withTaskExecutorPreference(emulator.executor) {
                async let next = Emulator.send("GET", base.appendingPathComponent("invocation/next"))
                await emulator.untilRuntimeWaits()
                // The poll waits, so the event is written from this task.
                async let result = emulator.invoke(
                    InvocationRequest(requestID: "req-l", event: ByteBuffer(string: "{}")))
                #expect(try await next.status == 200)
                _ = try await Self.respond(to: "req-l", with: "7", at: base)
                return await result
            }
            #expect(result.outcome == .response(ByteBuffer(string: "7")))
        }
    }

    /// The caller runs on the thread that read the runtime's response (the thread serving it), before that thread
    /// answers the runtime: the runtime's `202` cannot have arrived when the caller holds its result.
    @Test(.timeLimit(.minutes(1))) func aCallerThatPrefersTheExecutorHasItsResultBeforeTheRuntimeHasItsAnswer()
        async throws
    {
        try await Emulator.withEmulator { emulator, _ in
            let runtime = try await Self.runtimeWaitingInNext(on: emulator)
            let (outcome, runtimeStillWaited) = try await withTaskExecutorPreference(emulator.executor) {
                async let invoked = { () async -> (InvocationOutcome, Bool) in
                    let result = await emulator.invoke(
                        InvocationRequest(requestID: "req-c", event: ByteBuffer(string: #"{"n":1}"#)))
                    return (result.outcome, RuntimeAPITaskExecutor.isServingARequest && !runtime.hasUnreadBytes)
                }()
                let event = try await RawTCPConnection.offThePool {
                    runtime.read(until: #"{"n":1}"#, timeout: .seconds(10))
                }
                #expect(event.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(event)")
                try runtime.send(
                    "POST \(Self.runtimePath)/invocation/req-c/response HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: 1\r\n\r\n7")
                return await invoked
            }
            #expect(outcome == .response(ByteBuffer(string: "7")))
            #expect(runtimeStillWaited)
            let accepted = try await RawTCPConnection.offThePool { runtime.read(until: "OK\"}", timeout: .seconds(10)) }
            #expect(accepted.hasPrefix("HTTP/1.1 202 Accepted\r\n"), "\(accepted)")
        }
    }

    /// Answers leave in the order of their requests: a second poll sent behind the first is refused at once, but its
    /// refusal waits for the first poll's event.
    @Test(.timeLimit(.minutes(1))) func pipelinedRequestsAreAnsweredInTheirOrder() async throws {
        try await Emulator.withEmulator { emulator, base in
            let port = try await emulator.listeningAddress().port
            let runtime = try RawTCPConnection(port: port)
            try runtime.send(
                "GET \(Self.runtimePath)/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET \(Self.runtimePath)/invocation/next HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            await emulator.untilRuntimeWaits()
            // Time for the connection's thread to read the second poll too, before there is an event to hand out.
            try await Task.sleep(for: .milliseconds(100))
            async let result = emulator.invoke(
                InvocationRequest(requestID: "req-p", event: ByteBuffer(string: #"{"first":true}"#)))
            let answers = try await RawTCPConnection.offThePool { runtime.readToEnd(timeout: .seconds(10)) }
            let event = try #require(answers.range(of: "HTTP/1.1 200 OK\r\n"), "\(answers)")
            let refusal = try #require(answers.range(of: "HTTP/1.1 403 Forbidden\r\n"), "\(answers)")
            #expect(event.lowerBound == answers.startIndex)
            #expect(answers[event.upperBound..<refusal.lowerBound].hasSuffix(#"{"first":true}"#), "\(answers)")
            _ = try await Self.respond(to: "req-p", with: "1", at: base)
            #expect(await result.outcome == .response(ByteBuffer(string: "1")))
        }
    }

    /// A runtime that half-closes its connection after asking for the next event still gets it.
    @Test(.timeLimit(.minutes(1))) func aPollWhoseRuntimeStoppedSendingIsStillAnswered() async throws {
        try await Emulator.withEmulator { emulator, base in
            let runtime = try await Self.runtimeWaitingInNext(on: emulator)
            runtime.finishSending()
            // Time for the connection's thread to read the end of the stream, before there is an event to hand out.
            try await Task.sleep(for: .milliseconds(100))
            async let result = emulator.invoke(
                InvocationRequest(requestID: "req-h", event: ByteBuffer(string: #"{"half":true}"#)))
            let event = try await RawTCPConnection.offThePool {
                runtime.read(until: #"{"half":true}"#, timeout: .seconds(10))
            }
            #expect(event.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(event)")
            #expect(event.hasSuffix(#"{"half":true}"#), "\(event)")
            _ = try await Self.respond(to: "req-h", with: "1", at: base)
            #expect(await result.outcome == .response(ByteBuffer(string: "1")))
        }
    }

    /// Two reports for one invocation at once, each on its own connection and so on its own thread (a runtime that
    /// retries, or a forged report): one is accepted and completes the caller, the other is refused with 400, and the
    /// caller holds the accepted one's body.
    @Test(.timeLimit(.minutes(1))) func concurrentReportsForOneInvocationCompleteItOnce() async throws {
        try await Emulator.withEmulator { emulator, base in
            async let next = Emulator.send("GET", base.appendingPathComponent("invocation/next"))
            await emulator.untilRuntimeWaits()
            async let result = emulator.invoke(InvocationRequest(requestID: "req-d", event: ByteBuffer(string: "{}")))
            #expect(try await next.status == 200)
            async let first = Self.respond(to: "req-d", with: "1", at: base)
            async let second = Self.respond(to: "req-d", with: "2", at: base)
            let statuses = try await [first, second]
            #expect(statuses.sorted() == [202, 400])
            let acceptedBody = statuses[0] == 202 ? "1" : "2"
            #expect(await result.outcome == .response(ByteBuffer(string: acceptedBody)))
        }
    }

    /// A process spawned while a runtime is connected (another function's, say) inherits neither the listening socket
    /// nor the connection: it could otherwise read that function's events and answer for it.
    @Test(.timeLimit(.minutes(1))) func aSpawnedProcessInheritsNoSocketOfTheRuntimeAPI() async throws {
        try await Emulator.withEmulator { emulator, _ in
            let runtime = try await Self.runtimeWaitingInNext(on: emulator)
            let emulatorSockets = try Self.socketInodes(onLocalPort: try await emulator.listeningAddress().port)
            #expect(emulatorSockets.count == 2, "the listening socket and the runtime's connection")
            let listing = InMemoryLogSink()
            // Spawned while the runtime's connection is open: the child gets a copy of the fd table as it is then.
            let child = try withExtendedLifetime(runtime) {
                try ChildProcess(
                    executable: "/bin/sh", arguments: ["-c", "ls -l /proc/$$/fd"], environment: [:], output: listing)
            }
            #expect(await child.waitForExit() == 0)
            let inherited = Set(
                listing.lines.compactMap { line in
                    line.range(of: "socket:[").flatMap { UInt64(line[$0.upperBound...].prefix { $0.isNumber }) }
                })
            #expect(emulatorSockets.isDisjoint(with: inherited), "\(listing.lines)")
        }
    }

    /// The inodes of this process's IPv4 sockets whose local port is `port`: the emulator's side of its sockets.
    private static func socketInodes(onLocalPort port: Int) throws -> Set<UInt64> {
        var inodes = Set<UInt64>()
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap { Int32($0) }
        for descriptor in descriptors {
            var address = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let named = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
            }
            var status = stat()
            guard named == 0, address.sin_family == sa_family_t(AF_INET),
                Int(UInt16(bigEndian: address.sin_port)) == port, fstat(descriptor, &status) == 0
            else { continue }
            inodes.insert(UInt64(status.st_ino))
        }
        return inodes
    }

    private static let runtimePath = "/2018-06-01/runtime"

    /// Reports `body` as the response of invocation `requestID`, as a runtime does; answers the status it got.
    private static func respond(to requestID: String, with body: String, at base: URL) async throws -> Int {
        try await Emulator.send(
            "POST", base.appendingPathComponent("invocation/\(requestID)/response"), body: Data(body.utf8)
        ).status
    }

    /// A raw connection to `emulator` whose poll of `next` waits there.
    private static func runtimeWaitingInNext(on emulator: RuntimeAPIEmulator) async throws -> RawTCPConnection {
        let runtime = try RawTCPConnection(port: try await emulator.listeningAddress().port)
        try runtime.send("GET \(Self.runtimePath)/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n")
        await emulator.untilRuntimeWaits()
        return runtime
    }

    @Test func untilRuntimeWaitsReturnsWhileAPollWaits() async throws {
        try await Emulator.withEmulator { emulator, base in
            async let first = Emulator.send("GET", base.appendingPathComponent("invocation/next"))
            await emulator.untilRuntimeWaits()
            // A poll waits now, so a second one is refused and an invocation is handed out at once.
            let second = try await Emulator.send("GET", base.appendingPathComponent("invocation/next"))
            #expect(second.status == 403)
            #expect(Emulator.errorType(second.body) == "InvalidStateTransition")
            async let result = emulator.invoke(InvocationRequest(requestID: "req-w", event: ByteBuffer(string: "{}")))
            #expect(try await first.headers["lambda-runtime-aws-request-id"] == "req-w")
            _ = try await Self.respond(to: "req-w", with: "1", at: base)
            #expect(await result.outcome == .response(ByteBuffer(string: "1")))
        }
    }

    @Test func untilRuntimeWaitsReturnsOnceTheRuntimeIsGone() async throws {
        try await Emulator.withEmulator { emulator, _ in
            emulator.runtimeGone(LambdaFunctionError(errorMessage: "exited", errorType: "Runtime.ExitError"))
            await emulator.untilRuntimeWaits()
        }
    }

    @Test func pathsTheRuntimeAPIDoesNotServeAreNotFound() async throws {
        try await Emulator.withEmulator { _, base in
            for (method, path) in [("GET", "invocation"), ("POST", "invocation/next"), ("GET", "init/error")] {
                let answer = try await Emulator.send(method, base.appendingPathComponent(path))
                #expect(answer.status == 404, "\(method) \(path)")
                #expect(Emulator.errorType(answer.body) == "NotFound")
            }
        }
    }

    @Test func aHeaderValueCannotEndTheHeadEarly() async throws {
        try await Emulator.withEmulator { emulator, base in
            async let result = emulator.invoke(
                InvocationRequest(requestID: "req-h", event: ByteBuffer(string: "{}"), clientContext: "a\r\nX-Evil: 1"))
            let next = try await Emulator.send("GET", base.appendingPathComponent("invocation/next"))
            #expect(next.headers["lambda-runtime-client-context"] == "a  X-Evil: 1")
            #expect(next.headers["x-evil"] == nil)
            _ = try await Self.respond(to: "req-h", with: "1", at: base)
            _ = await result
        }
    }

    @Test func aRequestThatIsNotHTTPIsAnsweredBadRequestAndClosed() async throws {
        try await Emulator.withEmulator { emulator, _ in
            let address = try await emulator.listeningAddress()
            let answer = try await RawTCPConnection.answer(
                to: "NOT HTTP AT ALL\r\n\r\n", port: address.port, timeout: .seconds(10))
            #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(answer)")
            #expect(answer.contains("Connection: close\r\n"))
        }
    }

    @Test func peakMemoryIsReadFromTheStatusLine() throws {
        let status = "Name:\tbootstrap\nVmPeak:\t  9000 kB\nVmHWM:\t    1512 kB\nVmRSS:\t 1400 kB\n"
        let bytes = Array(status.utf8).withUnsafeBufferPointer { MemoryStatus.peakResidentBytes(inStatus: $0) }
        #expect(bytes == 1512 * 1024)
        let missing = Array("Name:\tx\n".utf8).withUnsafeBufferPointer { MemoryStatus.peakResidentBytes(inStatus: $0) }
        #expect(missing == nil)
        // This process's own status line, read the plain way, give or take what it grew between the two reads.
        let own = try #require(MemoryStatus.peakResidentBytes(processID: getpid()))
        let text = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
        let kilobytes = try #require(line.split(separator: " ").dropFirst().first.flatMap { Int($0) })
        #expect(own > 1_048_576 && abs(own - kilobytes * 1024) < 8 * 1_048_576)
    }
}
