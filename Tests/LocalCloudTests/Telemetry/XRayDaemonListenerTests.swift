import Foundation
import LocalCloud
import Observability
import StratusTesting
import Testing

/// The local X-Ray daemon: what SDKs send over UDP arrives in the telemetry store; what the daemon would drop is dropped.
@Suite struct XRayDaemonListenerTests {
    /// A second daemon on a port in use fails to start (serve then says so) rather than sharing the port and taking
    /// some of the first one's segments.
    @Test func aSecondDaemonOnTheSamePortFailsToStart() async throws {
        let recorder = TelemetryRecorder(store: try TelemetryStore(path: nil))
        let first = try await XRayDaemonListener.start(port: 0, recorder: recorder)
        await #expect(throws: (any Error).self) {
            let second = try await XRayDaemonListener.start(port: first.port, recorder: recorder)
            await second.close()
        }
        await first.close()
    }

    @Test func segmentsSentAsTheSDKsSendThemAreStoredAndInvalidDatagramsDropped() async throws {
        let recorder = TelemetryRecorder(store: try TelemetryStore(path: nil))
        let listener = try await XRayDaemonListener.start(port: 0, recorder: recorder)
        defer { Task { await listener.close() } }
        let address = try #require(XRayDaemonAddress(listener.address()))
        let emitter = try #require(UDPSegmentEmitter(address: address))
        let trace = XRayTraceHeader.newTraceID()
        var segment = SegmentDocument(
            name: "## orders", id: XRayTraceHeader.newSegmentID(), traceID: trace, parentID: "0123456789abcdef",
            startTime: 1_796_169_404.0)
        segment.type = "subsegment"
        segment.endTime = 1_796_169_404.5
        segment.annotations = ["ColdStart": .bool(false)]
        emitter.emit(segment)

        let raw = UDPSocketForTests(port: listener.port)
        raw.send(#"{"format": "xml", "version": 1}"# + "\n{}")
        raw.send(#"{"format": "json", "version": 2}"# + "\n{}")
        raw.send("no header at all")
        raw.send(
            #"{"format": "json", "version": 1}"# + "\n"
                + #"{"name":"x","id":"short","trace_id":"1-2-3","start_time":1}"#)

        let stored = try await segments(of: trace, in: recorder)
        #expect(stored == [segment])
        try await eventually { listener.refusedDatagrams >= 4 }
        #expect(listener.refusedDatagrams == 4)
    }

    @Test(
        .enabled(
            if: TestEnvironment.awsLambdaRICAvailable, "needs the .venv with aws-xray-sdk (scripts/test.sh makes it)"))
    func awsOwnXRaySDKIsReadToo() async throws {
        let python = try #require(
            TestEnvironment.python, "CI=true but no Python with aws-xray-sdk: run scripts/test.sh")
        let recorder = TelemetryRecorder(store: try TelemetryStore(path: nil))
        let listener = try await XRayDaemonListener.start(port: 0, recorder: recorder)
        defer { Task { await listener.close() } }
        let script = """
            import sys
            from aws_xray_sdk.core import xray_recorder
            xray_recorder.configure(service="python-sdk", sampling=False, context_missing="LOG_ERROR", daemon_address=sys.argv[1])
            segment = xray_recorder.begin_segment("python-sdk")
            subsegment = xray_recorder.begin_subsegment("work")
            subsegment.put_annotation("order_id", "42")
            subsegment.put_metadata("detail", {"items": 2}, "orders")
            xray_recorder.end_subsegment()
            xray_recorder.end_segment()
            print(segment.trace_id)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, listener.address()]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let trace = String(decoding: output.fileHandleForReading.readUntilEnd(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(XRayTraceHeader.isTraceID(trace))

        let segment = try #require(try await segments(of: trace, in: recorder).first)
        #expect(segment.name == "python-sdk")
        let work = try #require(segment.subsegments?.first)
        #expect(work.name == "work")
        #expect(work.annotations == ["order_id": .string("42")])
        #expect(work.metadata?["orders"]?["detail"] == ["items": 2])
    }
}

/// A plain UDP socket that sends text to a port on 127.0.0.1.
struct UDPSocketForTests {
    let port: Int

    func send(_ text: String) {
        let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(self.port).bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let bytes = Array(text.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(descriptor, bytes, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }
}
