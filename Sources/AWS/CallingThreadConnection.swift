import LambdaRuntime
import NIOCore
import NIOSSL

/// One keep-alive HTTP/1.1 connection, plain or TLS, that the thread which opened it uses alone and blocks on: the
/// AWS client's transport on a Lambda invocation's thread (``InvocationThread/mayBlock``), where a call then costs
/// no switch to an event loop and back.
///
/// Every method must be called on the thread that made the connection, and ``close()`` before it is let go.
final class CallingThreadConnection {
    private let socket: DeadlineBoundSocket
    private let tls: TLSClientSession?
    private let reader: HTTPResponseReader

    /// Connects to `url`'s host and port within `connectTimeout` and before `deadline`, with TLS from `tlsContext`
    /// for an `https` URL; answers may carry bodies of at most `maximumResponseByteCount`.
    init(
        to url: HTTPURL, tlsContext: NIOSSLContext?, connectTimeout: Duration, deadline: NIODeadline,
        maximumResponseByteCount: Int
    ) throws(AWSHTTPError) {
        let left = min(TimeAmount(connectTimeout), deadline - .now())
        guard left > .zero else { throw AWSHTTPError(.timedOut, "No time is left to connect to \(url.hostHeader)") }
        let socket: BlockingSocket
        do throws(HTTPWireError) {
            socket = try BlockingSocket(
                host: url.host, port: url.port,
                connectTimeoutMilliseconds: Int32(clamping: max(left.nanoseconds / 1_000_000, 1)))
        } catch {
            throw AWSHTTPError(.connectionFailed, "Cannot connect to \(url.host):\(url.port): \(error)")
        }
        self.socket = DeadlineBoundSocket(socket)
        if let tlsContext {
            // SNI and name checks take a host name; for an address literal NIOSSL checks the certificate's IP entries.
            self.tls = try TLSClientSession(
                socket: self.socket, context: tlsContext,
                serverHostname: AWSHTTPClient.isAddressLiteral(url.host) ? nil : url.host)
        } else {
            self.tls = nil
        }
        self.reader = HTTPResponseReader(maxBodyBytes: maximumResponseByteCount)
    }

    /// Writes `request`, whose request line and headers are `head` (``AWSHTTPRequest/head()``), and reads its answer, giving
    /// up at `deadline`.
    /// - Returns: the answer, or `nil` when the server had closed the connection before answering: a kept
    ///   connection it dropped while idle, on which the request can be sent again on a new one.
    func exchange(
        _ request: AWSHTTPRequest, head: [UInt8], deadline: NIODeadline
    ) throws(AWSHTTPError) -> AWSHTTPResponse? {
        self.socket.deadline = deadline
        // The accessors rethrow untyped errors, so the typed one is carried out of them.
        var writeFailure: HTTPWireError?
        head.withUnsafeBytes { head in
            request.body.withUnsafeBytes { body in
                do throws(HTTPWireError) {
                    try self.write(head, body)
                } catch {
                    writeFailure = error
                }
            }
        }
        if let writeFailure {
            // A write the kernel refuses on a kept connection (a reset, a broken pipe): the server had dropped it.
            if writeFailure.kind == .ioFailed { return nil }
            throw AWSHTTPError(writeFailure, host: request.url.hostHeader)
        }
        do throws(HTTPWireError) {
            guard let response = try self.readResponse() else { return nil }
            return AWSHTTPResponse(
                status: response.status, headers: response.headers.fields,
                body: Array(response.body.readableBytesView), keepsConnection: response.keepsConnection)
        } catch {
            throw AWSHTTPError(error, host: request.url.hostHeader)
        }
    }

    /// Ends the connection (TLS's session first).
    func close() {
        if let tls = self.tls {
            tls.close()
        } else {
            self.socket.socket.interrupt()
        }
    }

    private func write(_ head: UnsafeRawBufferPointer, _ body: UnsafeRawBufferPointer) throws(HTTPWireError) {
        if let tls = self.tls {
            try tls.write(head, body)
        } else {
            try self.socket.write(head, body)
        }
    }

    private func readResponse() throws(HTTPWireError) -> ReceivedHTTPResponse? {
        if let tls = self.tls { return try self.reader.readResponse(from: tls) }
        return try self.reader.readResponse(from: self.socket)
    }
}
