import Foundation
import Glibc
import LambdaRuntime
import NIOCore
import Testing

@testable import LocalCloud

/// What the emulator's fast path relies on: a caller on the emulator's own event loop, the point where a warm
/// invocation's clock starts, paths it does not serve, and the cheap read of a process's peak memory.
@Suite("Runtime API emulator round trip")
struct RuntimeAPIRoundTripTests {
    typealias Emulator = RuntimeAPIEmulatorTests

    @Test func aCallerOnTheEmulatorsEventLoopGetsItsResult() async throws {
        try await Emulator.withEmulator { emulator, base in
            let result = try await withTaskExecutorPreference(emulator.executor) {
                async let next = Emulator.send("GET", base.appendingPathComponent("invocation/next"))
                await emulator.untilRuntimeWaits()
                // The poll waits, so the event is written from this task, on the connection's event loop.
                async let result = emulator.invoke(
                    InvocationRequest(requestID: "req-l", event: ByteBuffer(string: "{}")))
                #expect(try await next.status == 200)
                _ = try await Emulator.send(
                    "POST", base.appendingPathComponent("invocation/req-l/response"), body: Data("7".utf8))
                return await result
            }
            #expect(result.outcome == .response(ByteBuffer(string: "7")))
        }
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
            _ = try await Emulator.send(
                "POST", base.appendingPathComponent("invocation/req-w/response"), body: Data("1".utf8))
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
            _ = try await Emulator.send(
                "POST", base.appendingPathComponent("invocation/req-h/response"), body: Data("1".utf8))
            _ = await result
        }
    }

    @Test func aRequestThatIsNotHTTPIsAnsweredBadRequestAndClosed() async throws {
        try await Emulator.withEmulator { emulator, _ in
            let address = try await emulator.listeningAddress()
            let answer = try Self.exchange(Array("NOT HTTP AT ALL\r\n\r\n".utf8), port: address.port)
            #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(answer)")
            #expect(answer.contains("Connection: close\r\n"))
        }
    }

    /// Sends `request` on a new loopback connection and reads until the server closes it.
    static func exchange(_ request: [UInt8], port: Int) throws -> String {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(socket >= 0)
        defer { close(socket) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(connected == 0)
        _ = request.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            answer += buffer[..<count]
        }
        return String(decoding: answer, as: UTF8.self)
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
