import NIOCore
import NIOHTTP1
import NIOPosix

/// A one-request-per-connection plain HTTP/1.1 client for the credential endpoints, on NIO (which the runtime already
/// links): these endpoints are plain HTTP on a link-local or loopback address, answer small documents, and are asked
/// once per refresh, so a full client (pooling, TLS, redirects) would only add size and build time.
struct CredentialHTTPClient: Sendable {
    /// A response's status and body.
    struct Response: Sendable {
        /// The status code.
        let status: Int
        /// The body.
        let body: [UInt8]

        /// The body as UTF-8 text.
        var text: String { String(decoding: self.body, as: UTF8.self) }
    }

    /// How long connecting and the whole exchange may take.
    let timeout: Duration
    /// The largest body accepted.
    let maximumBodyByteCount: Int

    /// A client giving up after `timeout` (the SDKs use 1 to 2 seconds) and refusing bodies over 64 KB.
    init(timeout: Duration = .seconds(2), maximumBodyByteCount: Int = 64 * 1024) {
        self.timeout = timeout
        self.maximumBodyByteCount = maximumBodyByteCount
    }

    /// Sends one request to `url` and returns its response; `source` names the endpoint in errors.
    func send(
        _ method: HTTPMethod, to url: PlainHTTPURL, headers: [(String, String)] = [], body: [UInt8] = [],
        source: String
    ) async throws -> Response {
        let timeout = self.timeout
        return try await withThrowingTaskGroup(of: Response.self) { group in
            group.addTask { try await self.exchange(method, url: url, headers: headers, body: body, source: source) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw AWSCredentialsError(.sourceFailed, "\(source) did not answer within \(timeout)")
            }
            defer { group.cancelAll() }
            guard let response = try await group.next() else {
                throw AWSCredentialsError(.sourceFailed, "\(source) did not answer")
            }
            return response
        }
    }

    private func exchange(
        _ method: HTTPMethod, url: PlainHTTPURL, headers: [(String, String)], body: [UInt8], source: String
    ) async throws -> Response {
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(TimeAmount(self.timeout))
                .connect(host: url.host, port: url.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                            wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw AWSCredentialsError(.sourceFailed, "\(source) is unreachable at \(url.hostHeader): \(error)")
        }
        let limit = self.maximumBodyByteCount
        return try await channel.executeThenClose { inbound, outbound in
            var head = HTTPRequestHead(version: .http1_1, method: method, uri: url.target)
            head.headers.add(name: "Host", value: url.hostHeader)
            head.headers.add(name: "Connection", value: "close")
            if method == .PUT || method == .POST || !body.isEmpty {
                head.headers.add(name: "Content-Length", value: String(body.count))
            }
            for (name, value) in headers { head.headers.add(name: name, value: value) }
            try await outbound.write(.head(head))
            if !body.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
            try await outbound.write(.end(nil))
            var status = 0
            var received: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let responseHead):
                    status = Int(responseHead.status.code)
                case .body(let buffer):
                    guard received.count + buffer.readableBytes <= limit else {
                        throw AWSCredentialsError(.invalidResponse, "\(source) answered with more than \(limit) bytes")
                    }
                    received.append(contentsOf: buffer.readableBytesView)
                case .end:
                    return Response(status: status, body: received)
                }
            }
            throw AWSCredentialsError(.sourceFailed, "\(source) closed the connection before answering")
        }
    }
}
