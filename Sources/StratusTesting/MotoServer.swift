import Foundation
import Synchronization

/// A moto server (the AWS service emulator) on 127.0.0.1 and a free port, for the adapters' contract suites:
///
/// ```swift
/// guard let moto = try await MotoServer.start() else { return }  // moto missing, not on CI: skipped
/// defer { moto.stop() }
/// let environment = AWSEnvironment(moto.environment)
/// ```
///
/// Where moto is missing the tests skip, except on CI (`CI=true`), where ``start()`` throws so that they fail. At most
/// two servers run at once in a test process (``MotoSlots``); a start beyond that waits for a ``stop()``.
public final class MotoServer: Sendable {
    /// Why moto could not be used.
    public struct Unavailable: Error, CustomStringConvertible {
        /// What went wrong.
        public let description: String
    }

    /// `http://127.0.0.1:<port>`.
    public let endpoint: String
    private let process: Process
    /// Whether the server's slot was given back.
    private let released = Mutex(false)

    private init(endpoint: String, process: Process) {
        self.endpoint = endpoint
        self.process = process
    }

    deinit {
        self.stop()
    }

    /// Variables pointing an AWS client at this server, in `us-east-1`, with moto's dummy credentials.
    public var environment: [String: String] {
        [
            "AWS_ENDPOINT_URL": self.endpoint, "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
        ]
    }

    /// Starts moto's server through `scripts/moto_server.py`, which mends its transactions (see there), with
    /// `STRATUS_PYTHON` (else the project's `.venv` Python) on a free port, and waits until it accepts connections. Returns `nil` when moto is not installed and this is not CI; throws ``Unavailable`` when
    /// it is not installed on CI or does not come up.
    public static func start() async throws -> MotoServer? {
        guard let python = TestEnvironment.python(with: ["moto", "flask"]) else {
            if TestEnvironment.isCI { throw Unavailable(description: "moto is not installed, and CI=true") }
            return nil
        }
        await MotoSlots.shared.acquire()
        let port: Int
        do {
            port = try Self.freePort()
        } catch {
            MotoSlots.shared.release()
            throw error
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Self.script, "-H", "127.0.0.1", "-p", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            MotoSlots.shared.release()
            throw error
        }
        let server = MotoServer(endpoint: "http://127.0.0.1:\(port)", process: process)
        do {
            try await eventually(timeout: .seconds(60), interval: .milliseconds(100)) {
                guard process.isRunning else { throw Unavailable(description: "moto's server exited at start") }
                return Self.accepts(port: port)
            }
        } catch {
            server.stop()
            throw error
        }
        return server
    }

    /// moto's server with its DynamoDB transactions mended.
    static let script = TestEnvironment.packageRoot.appendingPathComponent("scripts/moto_server.py").path

    /// Stops the server by its process id (with `SIGKILL`: moto's server lingers after `SIGTERM`) and gives its slot
    /// back.
    public func stop() {
        if self.process.isRunning {
            kill(self.process.processIdentifier, SIGKILL)
            self.process.waitUntilExit()
        }
        let releasing = self.released.withLock { released in
            defer { released = true }
            return !released
        }
        if releasing { MotoSlots.shared.release() }
    }

    /// A port nothing listens on now: the one the system picks for a socket bound to port 0.
    private static func freePort() throws -> Int {
        let socket = Self.loopbackSocket()
        defer { close(socket) }
        var address = Self.loopbackAddress(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(socket, address, length) == 0 && getsockname(socket, address, &length) == 0
            }
        }
        guard socket >= 0, bound else { throw Unavailable(description: "no free port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts connections on 127.0.0.1:`port`.
    private static func accepts(port: Int) -> Bool {
        let socket = Self.loopbackSocket()
        defer { close(socket) }
        var address = Self.loopbackAddress(port: port)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                connect(socket, address, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func loopbackSocket() -> Int32 {
        #if canImport(Glibc)
        socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        socket(AF_INET, SOCK_STREAM, 0)
        #endif
    }

    private static func loopbackAddress(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}
