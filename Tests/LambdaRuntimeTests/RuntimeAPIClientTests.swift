import Foundation
import NIOCore
import Testing

@testable import LambdaRuntime

/// The Runtime API client against a scripted Runtime API: what it sends for each operation, and what it makes of
/// each answer.
@Suite("Runtime API client")
struct RuntimeAPIClientTests {
    static let base = "/2018-06-01/runtime"

    /// Runs `body` with a client connected to a Runtime API that answers with `script`.
    static func withClient(
        answering script: [ScriptedRuntimeAPI.Answer],
        _ body: (RuntimeAPIClient, ScriptedRuntimeAPI) async throws -> Void
    ) async throws {
        let api = try await ScriptedRuntimeAPI.start(answering: script)
        try await api.withClient { try await body($0, api) }
    }

    static func invocation(_ headers: [(String, String)], body: String = #"{"a":1}"#) -> ScriptedRuntimeAPI.Answer {
        ScriptedRuntimeAPI.Answer(status: .ok, headers: headers, body: body)
    }

    static func validHeaders(requestID: String = "req-1") -> [(String, String)] {
        [
            (RuntimeAPIHeader.requestID, requestID),
            (RuntimeAPIHeader.deadline, String(WallClock.nowMilliseconds() + 3_600_000)),
            (RuntimeAPIHeader.invokedFunctionARN, "arn:aws:lambda:us-east-1:123456789012:function:probe"),
        ]
    }

    @Test func nextAsksForTheNextInvocationAndReadsItsEventAndEveryHeader() async throws {
        let headers =
            Self.validHeaders() + [
                (
                    RuntimeAPIHeader.traceID,
                    "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
                ),
                (RuntimeAPIHeader.clientContext, #"{"custom":{"k":"v"}}"#),
                (RuntimeAPIHeader.cognitoIdentity, #"{"cognitoIdentityId":"id"}"#),
                (RuntimeAPIHeader.tenantID, "tenant-1"),
            ]
        try await Self.withClient(answering: [Self.invocation(headers)]) { client, api in
            let invocation = try client.nextInvocation()
            #expect(String(buffer: invocation.event) == #"{"a":1}"#)
            #expect(invocation.metadata.requestID == "req-1")
            #expect(invocation.metadata.invokedFunctionARN == "arn:aws:lambda:us-east-1:123456789012:function:probe")
            #expect(
                invocation.metadata.traceID
                    == "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
            #expect(invocation.metadata.clientContext == #"{"custom":{"k":"v"}}"#)
            #expect(invocation.metadata.cognitoIdentity == #"{"cognitoIdentityId":"id"}"#)
            #expect(invocation.metadata.tenantID == "tenant-1")
            let deadline = headers.first { $0.0 == RuntimeAPIHeader.deadline }?.1
            #expect(String(invocation.metadata.deadline.millisecondsSinceEpoch) == deadline)
            let request = try #require(api.received.first)
            #expect(api.received.count == 1)
            #expect(request.method == .GET)
            #expect(request.uri == "\(Self.base)/invocation/next")
            #expect(request.headers["host"] == [api.address.description])
            #expect(request.headers["user-agent"].first?.hasPrefix("Stratus/") == true)
        }
    }

    @Test(arguments: [
        (RuntimeAPIHeader.requestID, "../init/error", nil as String?),
        (RuntimeAPIHeader.deadline, "soon", "req-1"),
        (RuntimeAPIHeader.deadline, "0", "req-1"),
    ])
    func anInvocationWithAHeaderThatBreaksTheProtocolIsMalformed(header: String, value: String, requestID: String?)
        async throws
    {
        let headers = Self.validHeaders().map { $0.0 == header ? (header, value) : $0 }
        try await Self.withClient(answering: [Self.invocation(headers)]) { client, _ in
            let error = #expect(throws: LambdaRuntimeError.self) { try client.nextInvocation() }
            #expect(error?.code == .malformedInvocation)
            #expect(error?.requestID == requestID, "the request id is kept only when it is safe in a path")
        }
    }

    @Test func anInvocationWithoutAFunctionARNIsMalformed() async throws {
        let headers = Self.validHeaders().filter { $0.0 != RuntimeAPIHeader.invokedFunctionARN }
        try await Self.withClient(answering: [Self.invocation(headers)]) { client, _ in
            let error = #expect(throws: LambdaRuntimeError.self) { try client.nextInvocation() }
            #expect(error?.code == .malformedInvocation)
            #expect(error?.requestID == "req-1")
        }
    }

    @Test func aFailingNextIsARuntimeAPIFailure() async throws {
        try await Self.withClient(answering: [.init(status: .internalServerError, body: "down")]) { client, _ in
            let error = #expect(throws: LambdaRuntimeError.self) { try client.nextInvocation() }
            #expect(error?.code == .runtimeAPIFailed)
            #expect(error?.description.contains("500") == true)
        }
    }

    @Test func aResponseIsPostedAsJSONToTheInvocationsResponsePath() async throws {
        try await Self.withClient(answering: [.init(status: .accepted)]) { client, api in
            try client.report(.response(ByteBuffer(string: #"{"ok":true}"#)), for: "req-7")
            let request = try #require(api.received.first)
            #expect(request.method == .POST)
            #expect(request.uri == "\(Self.base)/invocation/req-7/response")
            #expect(request.headers["content-type"] == ["application/json"])
            #expect(request.body == #"{"ok":true}"#)
        }
    }

    @Test func anErrorIsPostedWithItsTypeInTheHeaderAndTheReportAsJSON() async throws {
        try await Self.withClient(answering: [.init(status: .accepted)]) { client, api in
            let report = LambdaFunctionError(errorMessage: "boom", errorType: "KeyError", stackTrace: ["line 1"])
            try client.report(.error(report), for: "req-7")
            let request = try #require(api.received.first)
            #expect(request.uri == "\(Self.base)/invocation/req-7/error")
            #expect(request.headers[RuntimeAPIHeader.functionErrorType] == ["KeyError"])
            #expect(try JSONDecoder().decode(LambdaFunctionError.self, from: Data(request.body.utf8)) == report)
        }
    }

    @Test func anInitErrorIsPostedToTheInitPath() async throws {
        try await Self.withClient(answering: [.init(status: .accepted)]) { client, api in
            let report = LambdaFunctionError(errorMessage: "no config", errorType: "Runtime.ConfigInvalid")
            try client.reportInitError(report)
            let request = try #require(api.received.first)
            #expect(request.uri == "\(Self.base)/init/error")
            #expect(request.headers[RuntimeAPIHeader.functionErrorType] == ["Runtime.ConfigInvalid"])
            #expect(try JSONDecoder().decode(LambdaFunctionError.self, from: Data(request.body.utf8)) == report)
        }
    }

    @Test func aRefusedReportIsRefusedAndABrokenAPIAFailure() async throws {
        let script: [ScriptedRuntimeAPI.Answer] = [
            .init(status: .badRequest, body: "InvalidStateTransition"),
            .init(status: .internalServerError, body: "down"),
        ]
        try await Self.withClient(answering: script) { client, _ in
            let refused = #expect(throws: LambdaRuntimeError.self) {
                try client.report(.response(ByteBuffer(string: "1")), for: "req-1")
            }
            #expect(refused?.code == .reportRefused)
            #expect(refused?.message.contains("400") == true)
            #expect(refused?.message.contains("InvalidStateTransition") == true)
            let failed = #expect(throws: LambdaRuntimeError.self) {
                try client.report(.response(ByteBuffer(string: "1")), for: "req-2")
            }
            #expect(failed?.code == .runtimeAPIFailed)
        }
    }

    @Test func oneConnectionCarriesAWholeInvocationCycle() async throws {
        let script: [ScriptedRuntimeAPI.Answer] = [
            Self.invocation(Self.validHeaders(requestID: "req-1")), .init(status: .accepted),
            Self.invocation(Self.validHeaders(requestID: "req-2")), .init(status: .accepted),
        ]
        try await Self.withClient(answering: script) { client, api in
            for _ in 0..<2 {
                let invocation = try client.nextInvocation()
                try client.report(.response(invocation.event), for: invocation.metadata.requestID)
            }
            #expect(
                api.received.map(\.uri) == [
                    "\(Self.base)/invocation/next", "\(Self.base)/invocation/req-1/response",
                    "\(Self.base)/invocation/next", "\(Self.base)/invocation/req-2/response",
                ])
        }
    }
}
