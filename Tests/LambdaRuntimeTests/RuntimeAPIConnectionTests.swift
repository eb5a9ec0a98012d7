import NIOCore
import StratusTesting
import Testing

@testable import LambdaRuntime

/// The blocking Runtime API client against a server that writes raw bytes: the parts of HTTP/1.1 that a Runtime API
/// other than Lambda's may use, and that an HTTP library would have hidden.
@Suite("Runtime API connection")
struct RuntimeAPIConnectionTests {
    static let base = "/2018-06-01/runtime"

    static func invocationHead(requestID: String) -> String {
        "lambda-runtime-aws-request-id: \(requestID)\r\n"
            + "LAMBDA-RUNTIME-DEADLINE-MS: \(WallClock.nowMilliseconds() + 3_600_000)\r\n"
            + "Lambda-Runtime-Invoked-Function-ARN: arn:aws:lambda:us-east-1:123456789012:function:probe\r\n"
    }

    static func invocation(requestID: String, body: String = #"{"a":1}"#, extraHeaders: String = "") -> String {
        "HTTP/1.1 200 OK\r\n\(Self.invocationHead(requestID: requestID))\(extraHeaders)"
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    static let accepted = "HTTP/1.1 202 Accepted\r\ncontent-length: 16\r\n\r\n{\"status\":\"OK\"}\n"

    /// Runs `body` with a client connected to a raw server that answers with `script`.
    static func withClient(
        answering script: [RawRuntimeAPI.Answer],
        _ body: (RuntimeAPIClient, RawRuntimeAPI) async throws -> Void
    ) async throws {
        let api = try await RawRuntimeAPI.start(answering: script)
        try await api.withClient { try await body($0, api) }
    }

    @Test func headerNamesAreMatchedInAnyCase() async throws {
        let traced = Self.invocation(
            requestID: "req-1", extraHeaders: "lambda-runtime-TRACE-id: Root=1-5759e988-bd862e3fe1be46a994272793\r\n")
        try await Self.withClient(answering: [.init(bytes: traced)]) { client, _ in
            let invocation = try client.nextInvocation()
            #expect(invocation.metadata.requestID == "req-1")
            #expect(invocation.metadata.invokedFunctionARN.hasSuffix(":function:probe"))
            #expect(invocation.metadata.traceID == "Root=1-5759e988-bd862e3fe1be46a994272793")
        }
    }

    @Test func aChunkedEventIsReassembled() async throws {
        let chunked =
            "HTTP/1.1 200 OK\r\n\(Self.invocationHead(requestID: "req-1"))Transfer-Encoding: chunked\r\n\r\n"
            + "4;ext=1\r\n{\"a\"\r\n3\r\n:12\r\nA\r\n, \"b\": [] \r\n1\r\n}\r\n0\r\nx-trailer: t\r\n\r\n"
        try await Self.withClient(answering: [.init(bytes: chunked), .init(bytes: Self.accepted)]) { client, api in
            let invocation = try client.nextInvocation()
            #expect(String(buffer: invocation.event) == #"{"a":12, "b": [] }"#)
            // The connection is still in step: the next exchange reads its own answer.
            try client.report(.response(invocation.event), for: "req-1")
            #expect(api.received.map(\.connection) == [1, 1])
        }
    }

    @Test func aConnectionTheServerClosesIsReplacedForTheNextRequest() async throws {
        let closing = Self.invocation(requestID: "req-1", extraHeaders: "Connection: close\r\n")
        let script: [RawRuntimeAPI.Answer] = [
            .init(bytes: closing, closesConnection: true), .init(bytes: Self.accepted),
        ]
        try await Self.withClient(answering: script) { client, api in
            let invocation = try client.nextInvocation()
            try client.report(.response(invocation.event), for: invocation.metadata.requestID)
            #expect(api.received.map(\.connection) == [1, 2])
            #expect(api.received.last?.text.hasPrefix("POST \(Self.base)/invocation/req-1/response HTTP/1.1") == true)
        }
    }

    @Test func aConnectionDroppedWithoutNoticeIsTheRuntimeAPIGoingAwayAndNotReopened() async throws {
        // The server answers, then drops the connection without having said so, as a harness does before it kills
        // the process: reconnecting would leave a connection from a dying runtime in its accept queue.
        let script: [RawRuntimeAPI.Answer] = [
            .init(bytes: Self.invocation(requestID: "req-1"), closesConnection: true), .init(bytes: Self.accepted),
        ]
        try await Self.withClient(answering: script) { client, api in
            let invocation = try client.nextInvocation()
            try await eventually { api.closedConnections == 1 }
            let error = #expect(throws: LambdaRuntimeError.self) {
                try client.report(.response(invocation.event), for: "req-1")
            }
            #expect(error?.code == .runtimeAPIFailed)
            #expect(api.received.count == 1, "nothing reached the server after the drop")
        }
    }

    @Test func aRequestWhoseConnectionClosesBeforeTheAnswerIsAFailureAndNotSentAgain() async throws {
        // The server answers `next`, then closes the connection on the report without answering it.
        try await Self.withClient(answering: [.init(bytes: Self.invocation(requestID: "req-1"))]) { client, api in
            _ = try client.nextInvocation()
            let error = #expect(throws: LambdaRuntimeError.self) {
                try client.report(.response(ByteBuffer(string: "1")), for: "req-1")
            }
            #expect(error?.code == .runtimeAPIFailed)
            #expect(api.received.count == 2)
        }
    }

    @Test func aTooLargeResponseIsRefusedWithItsStatus() async throws {
        let refused = "HTTP/1.1 413 Request Entity Too Large\r\ncontent-length: 8\r\n\r\ntoo big!"
        try await Self.withClient(answering: [.init(bytes: refused)]) { client, _ in
            let error = #expect(throws: LambdaRuntimeError.self) {
                try client.report(.response(ByteBuffer(string: "1")), for: "req-1")
            }
            #expect(error?.code == .reportRefused)
            #expect(error?.message.contains("413") == true)
        }
    }
}
