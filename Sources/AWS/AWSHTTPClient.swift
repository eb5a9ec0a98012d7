import LambdaRuntime
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// The HTTP/1.1 client of the AWS service clients and the credential sources: keeps connections open per endpoint
/// and reuses them (a Lambda function calls the same few endpoints again and again), speaks TLS with the system's
/// roots or, when `AWS_CA_BUNDLE` names one, only the PEM bundle's, and bounds every exchange by a timeout and every
/// answer by a size.
///
/// A caller on a Lambda invocation's thread (a handler, or code inside ``InvocationThread/run(_:)``) with none of its
/// other work waiting writes and reads on that thread, blocking it: a Lambda function waits for its answer anyway,
/// and the call then costs no thread switch. Those connections are the thread's own, kept for its next calls
/// (``CallingThreadConnections``); such an exchange ends at its timeout, not when its task is cancelled. A caller that runs on an event loop (a gateway request, or code inside
/// ``withConnectionLoop(_:)``) gets connections on that loop: its request is written and its answer read and handed
/// back on its own thread. Any other caller's exchange goes to the client's loop and back, two thread switches that
/// cost more than the rest of the call on a fast endpoint.
///
/// It is built on NIO and NIOSSL alone, which the runtime already links, rather than AsyncHTTPClient, whose HTTP/2,
/// proxy and redirect support the AWS JSON protocols do not use but the `bootstrap` binary would carry.
public final class AWSHTTPClient: AWSHTTPTransport {
    /// The client's bounds.
    public struct Configuration: Sendable {
        /// How long opening a connection (TCP and TLS) may take.
        public var connectTimeout: Duration
        /// The largest answer body accepted.
        public var maximumResponseByteCount: Int
        /// How many idle connections are kept per endpoint.
        public var maximumIdleConnectionsPerEndpoint: Int
        /// The PEM file of the only certificate authorities trusted for HTTPS; the system's when `nil`.
        public var caBundlePath: String?

        /// Bounds from their parts; the defaults allow 3 s to connect, 16 MB answers and 8 idle connections.
        public init(
            connectTimeout: Duration = .seconds(3), maximumResponseByteCount: Int = 16 * 1024 * 1024,
            maximumIdleConnectionsPerEndpoint: Int = 8, caBundlePath: String? = nil
        ) {
            self.connectTimeout = connectTimeout
            self.maximumResponseByteCount = maximumResponseByteCount
            self.maximumIdleConnectionsPerEndpoint = maximumIdleConnectionsPerEndpoint
            self.caBundlePath = caBundlePath
        }

        /// The defaults, trusting the bundle `AWS_CA_BUNDLE` names in `environment`, if any.
        public init(environment: AWSEnvironment) {
            self.init(caBundlePath: environment["AWS_CA_BUNDLE"])
        }
    }

    /// One call's bound: when it gives up, and the error it then fails with.
    private struct Call {
        let deadline: NIODeadline
        let url: HTTPURL
        let timeout: Duration

        /// Made only when needed: a duration's text is not cheap next to a fast call.
        var timedOutError: AWSHTTPError {
            AWSHTTPError(.timedOut, "\(self.url.hostHeader) did not answer within \(self.timeout)")
        }
    }

    /// A connection's address: scheme, host and port.
    private struct Endpoint: Hashable {
        let isSecure: Bool
        let host: String
        let port: Int
    }

    /// The client the credential sources share: answers of at most 64 KB, the process's `AWS_CA_BUNDLE` trusted.
    package static let credentialSources = AWSHTTPClient(
        configuration: Configuration(
            maximumResponseByteCount: 64 * 1024, caBundlePath: AWSEnvironment.processValue(of: "AWS_CA_BUNDLE")))

    /// The client's bounds.
    public let configuration: Configuration
    /// Told apart from every other client of the process, for the connections kept by the threads that call it.
    private let serial = AWSHTTPClient.serials.wrappingAdd(1, ordering: .relaxed).newValue
    private static let serials = Atomic<UInt64>(0)
    private let idle = Mutex<[Endpoint: [any Channel]]>([:])
    /// The loop of the connections opened by callers on no event loop: chosen on first use, so that a client that is
    /// never used (a Lambda function's ports before their first call) starts no thread.
    private let homeLoop = Mutex<(any EventLoop)?>(nil)
    /// Made on the first HTTPS connection, so that plain-HTTP users never load a trust store.
    private let tlsContext = Mutex<Result<NIOSSLContext, AWSHTTPError>?>(nil)

    /// A client with `configuration`.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    deinit {
        for channel in self.idle.withLock({ $0.values.joined() }) { channel.close(promise: nil) }
    }

    /// Sends `request` on an idle connection to its endpoint or a new one, and returns the answer; gives up after
    /// `timeout`, closing the connection. A reused connection the server has closed meanwhile is replaced once.
    package func send(_ request: AWSHTTPRequest, timeout: Duration) async throws(AWSHTTPError) -> AWSHTTPResponse {
        let call = Call(
            deadline: .now() + TimeAmount(timeout), url: request.url, timeout: timeout)
        let head = try request.head()
        if InvocationThread.mayBlock { return try self.sendOnCallingThread(request, head: head, call: call) }
        var bytes = ByteBuffer()
        bytes.reserveCapacity(head.count + request.body.count)
        bytes.writeBytes(head)
        bytes.writeBytes(request.body)
        let endpoint = Endpoint(isSecure: request.url.isSecure, host: request.url.host, port: request.url.port)
        if let channel = self.takeIdle(endpoint) {
            do throws(AWSHTTPError) {
                return try await self.exchange(bytes, on: channel, endpoint: endpoint, call: call)
            } catch  where error.code == .connectionClosed {
                // The server dropped the idle connection; a fresh one gets the request once more.
            }
        }
        let channel = try await self.connect(endpoint, call: call)
        return try await self.exchange(bytes, on: channel, endpoint: endpoint, call: call)
    }

    /// Runs `body` with the calling task preferring the client's event loop, so that the calls it makes open and
    /// reuse connections there and resume on the thread that read their answers, with no thread switch per call.
    /// Inside a task that already runs on an event loop, that loop is kept.
    public func withConnectionLoop<Result, Failure: Error>(
        isolation: isolated (any Actor)? = #isolation, _ body: () async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        try await withTaskExecutorPreference(
            EventLoopTaskExecutor(self.connectionLoop), isolation: isolation, operation: body)
    }

    /// The caller's event loop when it runs on one, else the client's own.
    private var connectionLoop: any EventLoop {
        if let current = MultiThreadedEventLoopGroup.currentEventLoop { return current }
        return self.homeLoop.withLock { loop in
            if let loop { return loop }
            let chosen = MultiThreadedEventLoopGroup.singleton.next()
            loop = chosen
            return chosen
        }
    }

    /// The event loops of the idle connections, for tests.
    var idleConnectionLoops: [any EventLoop] {
        self.idle.withLock { $0.values.joined().map(\.eventLoop) }
    }

    /// Closes every idle connection on the client's event loops, and the calling thread's own idle ones; other
    /// invocation threads' close when those threads end.
    public func closeIdleConnections() {
        CallingThreadConnections.closeAll(client: self.serial)
        for channel in self.idle.withLock({ idle in
            defer { idle = [:] }
            return idle.values.joined()
        }) {
            channel.close(promise: nil)
        }
    }

    /// Sends `request` on the calling thread's idle connection to its endpoint or a new one, blocking the thread; a
    /// kept connection the server has closed meanwhile is replaced once.
    private func sendOnCallingThread(
        _ request: AWSHTTPRequest, head: [UInt8], call: Call
    ) throws(AWSHTTPError) -> AWSHTTPResponse {
        if let kept = CallingThreadConnections.take(client: self.serial, url: request.url) {
            if let response = try self.exchange(request, head: head, on: kept, call: call) { return response }
        }
        let connection = try CallingThreadConnection(
            to: request.url, tlsContext: request.url.isSecure ? try self.makeTLSContext() : nil,
            connectTimeout: self.configuration.connectTimeout, deadline: call.deadline,
            maximumResponseByteCount: self.configuration.maximumResponseByteCount)
        guard let response = try self.exchange(request, head: head, on: connection, call: call) else {
            throw AWSHTTPError(.connectionClosed, "\(request.url.hostHeader) closed the connection before answering")
        }
        return response
    }

    /// One exchange on a calling thread's connection, which is kept afterwards when the server keeps it too.
    /// - Returns: `nil` when the server had closed the connection before answering.
    private func exchange(
        _ request: AWSHTTPRequest, head: [UInt8], on connection: CallingThreadConnection, call: Call
    ) throws(AWSHTTPError) -> AWSHTTPResponse? {
        let response: AWSHTTPResponse?
        do throws(AWSHTTPError) {
            response = try connection.exchange(request, head: head, deadline: call.deadline)
        } catch {
            connection.close()
            throw error.code == .timedOut ? call.timedOutError : error
        }
        guard let response, response.keepsConnection else {
            connection.close()
            return response
        }
        CallingThreadConnections.keep(connection, client: self.serial, url: request.url)
        return response
    }

    /// Writes `request`, the request's bytes, on an event loop's `channel` and waits for its answer.
    private func exchange(
        _ request: ByteBuffer, on channel: any Channel, endpoint: Endpoint, call: Call
    ) async throws(AWSHTTPError) -> AWSHTTPResponse {
        let promise = channel.eventLoop.makePromise(of: AWSHTTPResponse.self)
        let exchange = HTTPExchange(
            request: request, deadline: call.deadline, timedOutError: call.timedOutError, promise: promise)
        if channel.eventLoop.inEventLoop, channel.isActive {
            // The write reaches the handler now, which fails the exchange however the connection fails.
            channel.writeAndFlush(exchange, promise: nil)
        } else {
            channel.writeAndFlush(exchange).whenFailure { _ in
                // The handler fails an exchange it saw with the connection's own error (a TLS failure, say); one
                // that never reached it, the connection being gone, fails here once the connection has closed.
                channel.close(promise: nil)
                channel.closeFuture.whenComplete { _ in
                    promise.fail(AWSHTTPError(.connectionClosed, "The connection closed before the request was sent"))
                }
            }
        }
        let response: AWSHTTPResponse
        do {
            response = try await withTaskCancellationHandler {
                try await promise.futureResult.get()
            } onCancel: {
                channel.close(promise: nil)
            }
        } catch {
            channel.close(promise: nil)
            throw (error as? AWSHTTPError) ?? AWSHTTPError(.connectionClosed, "The exchange failed: \(error)")
        }
        if response.keepsConnection {
            self.putIdle(channel, endpoint)
        } else {
            channel.close(promise: nil)
        }
        return response
    }

    /// An open idle connection to `endpoint`, on the caller's event loop when there is one.
    private func takeIdle(_ endpoint: Endpoint) -> (any Channel)? {
        // One look-up, and the list changed where it lies in the dictionary: a copy taken out would be copied again.
        self.idle.withLock { $0[endpoint]?.takeOpenConnection() ?? nil }
    }

    private func putIdle(_ channel: any Channel, _ endpoint: Endpoint) {
        let kept = self.idle.withLock { idle in
            guard idle[endpoint, default: []].count < self.configuration.maximumIdleConnectionsPerEndpoint else {
                return false
            }
            idle[endpoint, default: []].append(channel)
            return true
        }
        if !kept { channel.close(promise: nil) }
    }

    private func connect(_ endpoint: Endpoint, call: Call) async throws(AWSHTTPError) -> any Channel {
        let tls = endpoint.isSecure ? try self.makeTLSContext() : nil
        // SNI and name checks take a host name; for an address literal NIOSSL checks the certificate's IP entries.
        let serverName = Self.isAddressLiteral(endpoint.host) ? nil : endpoint.host
        let slot = TLSHandshakeWatcher.Slot()
        let bootstrap = ClientBootstrap(group: self.connectionLoop)
            .connectTimeout(min(TimeAmount(self.configuration.connectTimeout), call.deadline - .now()))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        let handshake = channel.eventLoop.makePromise(of: Void.self)
                        slot.handshake.withLock { $0 = handshake.futureResult }
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: tls, serverHostname: serverName))
                        try channel.pipeline.syncOperations.addHandler(TLSHandshakeWatcher(handshake: handshake))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        HTTPExchangeHandler(
                            host: "\(endpoint.host):\(endpoint.port)",
                            maximumResponseByteCount: self.configuration.maximumResponseByteCount))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: endpoint.host, port: endpoint.port).get()
        } catch {
            if NIODeadline.now() >= call.deadline { throw call.timedOutError }
            throw AWSHTTPError(.connectionFailed, "Cannot connect to \(endpoint.host):\(endpoint.port): \(error)")
        }
        if let handshake = slot.handshake.withLock({ $0 }) {
            // A handshake still going at the call's deadline is cut short by closing the connection.
            let timeout = channel.eventLoop.scheduleTask(deadline: call.deadline) { channel.close(promise: nil) }
            defer { timeout.cancel() }
            do {
                try await handshake.get()
            } catch {
                channel.close(promise: nil)
                if NIODeadline.now() >= call.deadline { throw call.timedOutError }
                throw (error as? AWSHTTPError) ?? AWSHTTPError(.tlsFailed, "The TLS handshake failed: \(error)")
            }
        }
        return channel
    }

    private func makeTLSContext() throws(AWSHTTPError) -> NIOSSLContext {
        try self.tlsContext.withLock { cached in
            if let cached { return cached }
            let made: Result<NIOSSLContext, AWSHTTPError>
            do throws(AWSHTTPError) {
                made = .success(try Self.tlsContext(caBundlePath: self.configuration.caBundlePath))
            } catch {
                made = .failure(error)
            }
            cached = made
            return made
        }.get()
    }

    private static func tlsContext(caBundlePath: String?) throws(AWSHTTPError) -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caBundlePath {
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(caBundlePath)
            } catch {
                throw AWSHTTPError(
                    .invalidConfiguration, "AWS_CA_BUNDLE \(caBundlePath) cannot be read as PEM: \(error)")
            }
            guard !certificates.isEmpty else {
                throw AWSHTTPError(.invalidConfiguration, "AWS_CA_BUNDLE \(caBundlePath) holds no certificate")
            }
            configuration.trustRoots = .certificates(certificates)
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw AWSHTTPError(.invalidConfiguration, "The TLS settings are unusable: \(error)")
        }
    }

    /// Whether `host` is an IPv4 or IPv6 address rather than a name.
    static func isAddressLiteral(_ host: String) -> Bool {
        host.contains(":") || host.allSatisfy { $0 == "." || $0.isASCII && $0.isNumber }
    }
}

extension Array where Element == any Channel {
    /// Drops the closed connections, then takes the last one on the current event loop, else the last one.
    fileprivate mutating func takeOpenConnection() -> (any Channel)? {
        self.removeAll { !$0.isActive }
        guard let index = self.lastIndex(where: { $0.eventLoop.inEventLoop }) ?? self.indices.last else { return nil }
        return self.remove(at: index)
    }
}
