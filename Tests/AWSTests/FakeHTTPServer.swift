import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import StratusTesting
import Synchronization
import Testing

/// An HTTP/1.1 server on 127.0.0.1 that answers every request with what its handler says and remembers what it was
/// asked and how many connections it took: the stand-in for the container agent, the instance metadata service and,
/// over TLS with a test CA's certificate, an AWS endpoint.
final class FakeHTTPServer: Sendable {
    /// A request as the server saw it.
    struct Request: Sendable {
        let method: String
        let uri: String
        /// Header values by lower-case name.
        let headers: [String: String]
        /// The body as UTF-8 text.
        let body: String
    }

    /// A status and a body.
    typealias Answer = (status: Int, body: String)
    /// What answers each request.
    typealias Handler = @Sendable (Request) -> Answer

    /// A handler answering every request with `status` and `body`.
    static func always(_ status: Int, _ body: String) -> Handler {
        { _ in (status, body) }
    }

    /// The port it listens on.
    let port: Int
    /// Whether a connection stays open for more requests, or closes after its first answer.
    let keepsConnections: Bool
    private let received = Mutex<[Request]>([])
    private let accepted = Mutex(0)

    private init(port: Int, keepsConnections: Bool) {
        self.port = port
        self.keepsConnections = keepsConnections
    }

    /// `http://127.0.0.1:<port>`.
    var baseURL: String { "http://127.0.0.1:\(self.port)" }

    /// Every request so far, in order.
    var requests: [Request] { self.received.withLock { $0 } }

    /// How many connections it has accepted.
    var connectionCount: Int { self.accepted.withLock { $0 } }

    /// Runs `body` with a server answering by `handler`, over TLS with `tls` when given, keeping connections open
    /// when `keepsConnections`, and stops the server when `body` returns.
    static func withServer<Result: Sendable>(
        tls: NIOSSLContext? = nil,
        keepsConnections: Bool = false,
        _ handler: @escaping Handler,
        _ body: (FakeHTTPServer) async throws -> Result
    ) async throws -> Result {
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        let server = FakeHTTPServer(
            port: try #require(listener.channel.localAddress?.port), keepsConnections: keepsConnections)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.serveConnections(of: listener, handler) }
            let outcome: Swift.Result<Result, any Error>
            do {
                outcome = .success(try await body(server))
            } catch {
                outcome = .failure(error)
            }
            // Stopped by closing, never by cancelling: the connections accepted but not yet handed out must still be
            // served and closed, and NIO traps on one dropped unclosed (swift-nio#2637).
            try? await listener.channel.close()
            try await group.waitForAll()
            return try outcome.get()
        }
    }

    /// Serves every connection `listener` accepts until it is closed, then ends the connections still open.
    private func serveConnections(
        of listener: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>,
        _ handler: @escaping Handler
    ) async throws {
        try await listener.executeThenClose { connections in
            try await withThrowingDiscardingTaskGroup { handlers in
                for try await connection in connections {
                    self.accepted.withLock { $0 += 1 }
                    handlers.addTask { try? await self.serve(connection, handler) }
                }
                handlers.cancelAll()
            }
        }
    }

    private func serve(
        _ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>,
        _ handler: Handler
    ) async throws {
        try await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let requestHead): head = requestHead
                case .body(let buffer): body.append(contentsOf: buffer.readableBytesView)
                case .end:
                    guard let requestHead = head else { return }
                    head = nil
                    defer { body = [] }
                    var headers: [String: String] = [:]
                    for (name, value) in requestHead.headers { headers[name.lowercased()] = value }
                    let request = Request(
                        method: requestHead.method.rawValue, uri: requestHead.uri, headers: headers,
                        body: String(decoding: body, as: UTF8.self))
                    self.received.withLock { $0.append(request) }
                    let answer = handler(request)
                    var responseHead = HTTPResponseHead(
                        version: .http1_1, status: HTTPResponseStatus(statusCode: answer.status))
                    responseHead.headers.add(name: "Content-Length", value: String(answer.body.utf8.count))
                    if !self.keepsConnections { responseHead.headers.add(name: "Connection", value: "close") }
                    try await outbound.write(.head(responseHead))
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(string: answer.body))))
                    try await outbound.write(.end(nil))
                    if !self.keepsConnections { return }
                }
            }
        }
    }
}

extension FakeHTTPServer {
    /// Runs `body` with an HTTPS server whose certificate a CA made for the test issued, keeping connections and
    /// answering `{"ok":true}`, and with the path of a PEM bundle of that CA, in a folder `body` may use too.
    static func withHTTPSServer<Result: Sendable>(
        _ body: (FakeHTTPServer, _ caBundle: String, TemporaryDirectory) async throws -> Result
    ) async throws -> Result {
        let authority = try TestCertificateAuthority()
        let directory = try TemporaryDirectory()
        let bundle = directory.path("ca.pem")
        try authority.caPEM.write(toFile: bundle, atomically: true, encoding: .utf8)
        return try await Self.withServer(
            tls: authority.serverContext, keepsConnections: true, Self.always(200, #"{"ok":true}"#)
        ) { (server) async throws in
            try await body(server, bundle, directory)
        }
    }
}
