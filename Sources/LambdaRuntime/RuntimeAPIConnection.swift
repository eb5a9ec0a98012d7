import NIOCore
import Synchronization

/// One keep-alive HTTP/1.1 connection to the Runtime API, carrying one request at a time on a blocking socket, from
/// the thread of the worker that owns it.
///
/// When the server announces that it closes the connection (`Connection: close`, or HTTP/1.0 without keep-alive),
/// the next request opens a new one. A connection the server closes without saying so is the Runtime API going away:
/// the request fails and is not sent again (the server may have acted on it, and a runtime that reconnected then
/// would leave a connection from a dying process in the server's accept queue, to be taken for the next instance's). Another thread may ``interrupt()`` the connection to wake a
/// worker blocked waiting for its next invocation.
///
/// `@unchecked Sendable`: the reader is used only by the owning worker's thread, one request at a
/// time; what other threads touch (the socket, to interrupt it) is behind a lock.
final class RuntimeAPIConnection: @unchecked Sendable {
    private struct Shared {
        var socket: BlockingSocket?
        var isInterrupted = false
    }

    /// How long a connection attempt may take before it fails.
    static let connectTimeoutMilliseconds: Int32 = 2000

    let address: RuntimeAPIAddress
    private let hostHeader: String
    private let shared = Mutex(Shared())
    private let reader = HTTPResponseReader()

    private init(address: RuntimeAPIAddress) {
        self.address = address
        self.hostHeader = address.description
    }

    /// Connects to the Runtime API.
    /// - Throws: ``LambdaRuntimeError/Code/runtimeAPIFailed`` when it cannot be reached within two seconds.
    static func connect(to address: RuntimeAPIAddress) throws(LambdaRuntimeError) -> RuntimeAPIConnection {
        let connection = RuntimeAPIConnection(address: address)
        _ = try connection.openSocket()
        return connection
    }

    /// Sends a request and waits for its whole response.
    /// - Throws: ``LambdaRuntimeError/Code/runtimeAPIFailed`` when the connection fails or the response is malformed.
    func send(_ request: RuntimeAPIRequest) throws(LambdaRuntimeError) -> ReceivedHTTPResponse {
        let socket = try self.openSocket()
        let response: ReceivedHTTPResponse?
        do throws(HTTPWireError) {
            try self.write(request, to: socket)
            response = try self.reader.readResponse(from: socket)
        } catch {
            self.drop(socket)
            throw LambdaRuntimeError(.runtimeAPIFailed, "The Runtime API exchange failed: \(error)")
        }
        // A request already sent is not sent again: the server may have acted on it before closing.
        guard let response else {
            self.drop(socket)
            throw LambdaRuntimeError(.runtimeAPIFailed, "The Runtime API closed the connection before answering")
        }
        if !response.keepsConnection { self.drop(socket) }
        return response
    }

    /// Shuts the connection down for good: a request blocked on it fails at once, and later ones fail too.
    func interrupt() {
        self.shared.withLock { shared in
            shared.isInterrupted = true
            shared.socket?.interrupt()
        }
    }

    /// Closes the connection.
    func close() {
        self.shared.withLock { $0.socket = nil }
    }

    private var isInterrupted: Bool {
        self.shared.withLock { $0.isInterrupted }
    }

    /// The open socket, connecting a new one when there is none.
    private func openSocket() throws(LambdaRuntimeError) -> BlockingSocket {
        if let socket = self.shared.withLock({ $0.isInterrupted ? nil : $0.socket }) { return socket }
        guard !self.isInterrupted else {
            throw LambdaRuntimeError(.runtimeAPIFailed, "The Runtime API connection was shut down")
        }
        let socket: BlockingSocket
        do throws(HTTPWireError) {
            socket = try BlockingSocket(
                host: self.address.host, port: self.address.port,
                connectTimeoutMilliseconds: Self.connectTimeoutMilliseconds)
        } catch {
            throw LambdaRuntimeError(.runtimeAPIFailed, "The Runtime API is unreachable: \(error)")
        }
        self.reader.reset()
        let installed = self.shared.withLock { shared -> Bool in
            guard !shared.isInterrupted else { return false }
            shared.socket = socket
            return true
        }
        guard installed else {
            throw LambdaRuntimeError(.runtimeAPIFailed, "The Runtime API connection was shut down")
        }
        return socket
    }

    private func drop(_ socket: BlockingSocket) {
        self.shared.withLock { shared in
            if shared.socket === socket { shared.socket = nil }
        }
    }

    private func write(_ request: RuntimeAPIRequest, to socket: BlockingSocket) throws(HTTPWireError) {
        let head = request.head(host: self.hostHeader)
        let body = request.body ?? ByteBuffer()
        // The buffer accessors rethrow untyped errors, so the typed one is carried out of them.
        var failure: HTTPWireError?
        head.withUnsafeBytes { head in
            body.withUnsafeReadableBytes { body in
                do throws(HTTPWireError) {
                    try socket.write(head, body)
                } catch {
                    failure = error
                }
            }
        }
        if let failure { throw failure }
    }
}
