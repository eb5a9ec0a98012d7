import Foundation
import LambdaEvents
import LocalCloud
import Observability
import StratusTesting
import Testing

/// What the telemetry store keeps of lines and segments from any process: no secret, no personal data in trace
/// metadata, no body that is not JSON, even when the sender cleaned nothing.
@Suite struct StoredRedactionTests {
    static let secrets = [
        "at-secret", "id-secret", "rt-secret", "123456", "otp-999", "Hunter2", "ada@example.com", "+33 6 12 34 56 78",
        "Rue de Rivoli", "form-secret",
    ]

    @Test func aLineFromALoggerThatRedactsNothingIsStoredWithoutItsSecrets() async throws {
        let recorder = try TelemetryAPITests.recorder()
        recorder.capture(
            line:
                #"{"level":"INFO","message":"login","accessToken":"at-secret","nested":{"refresh_token":"rt-secret","code":"123456","OTP":"otp-999"},"request":{"body":"password=Hunter2&x=form-secret"}}"#,
            function: "legacy")
        let clean = #"{"level":"INFO","message":"fine","statusCode":200}"#
        recorder.capture(line: clean, function: "legacy")
        recorder.capture(line: "2026-12-01T23:56:44.013Z\tr2\tWARN\tplain text is kept", function: "legacy")
        try await recorder.flush()
        let records = try await recorder.store.logs(LogFilter())
        #expect(records.count == 3)
        for secret in Self.secrets {
            #expect(!records[0].line.contains(secret), "\(secret) was stored")
        }
        let stored = try #require(JSONValue(parsing: Array(records[0].line.utf8)))
        #expect(stored["accessToken"] == .string("[REDACTED]") && stored["nested"]?["code"] == .string("[REDACTED]"))
        #expect(stored["request"]?["body"] == .string("[REDACTED: 30 bytes]"))
        #expect(records[0].message == "login" && records[0].level == "INFO")
        #expect(records[1].line == clean, "a line with nothing to remove is kept as it came")
        #expect(records[2].message == "plain text is kept")
    }

    @Test func aSegmentFromAnyTracerIsStoredWithoutSecretsOrPersonalData() async throws {
        let recorder = try TelemetryAPITests.recorder()
        var stage = SegmentDocument(
            name: "stratus/default", id: "aaaaaaaaaaaaaaaa", traceID: TelemetryAPITests.trace, startTime: 100)
        stage.endTime = 100.01
        stage.http = .init(
            request: .init(method: "GET", url: "/auth/callback?state=s1&code=123456&token=at-secret"),
            response: .init(status: 200))
        var handler = SegmentDocument(name: "## auth", id: "bbbbbbbbbbbbbbbb", startTime: 100.001)
        handler.endTime = 100.009
        handler.metadata = [
            "auth": [
                "## auth response": [
                    "statusCode": 200,
                    "body":
                        #"{"accessToken":"at-secret","idToken":"id-secret","refreshToken":"rt-secret","expiresIn":3600}"#,
                ]
            ]
        ]
        var profile = SegmentDocument(
            name: "## users", id: "cccccccccccccccc", traceID: TelemetryAPITests.trace, parentID: "aaaaaaaaaaaaaaaa",
            startTime: 100.002)
        profile.type = "subsegment"
        profile.endTime = 100.003
        profile.metadata = [
            "users": [
                "## users response": [
                    "statusCode": 200,
                    "body": .string(
                        #"{"userId":"u1","email":"ada@example.com","phone":"+33 6 12 34 56 78","address":{"line1":"Rue de Rivoli"},"name":"Ada","version":3}"#
                    ),
                ]
            ]
        ]
        stage.subsegments = [handler]
        recorder.emit(stage)
        recorder.emit(profile)
        try await recorder.flush()

        let documents = try await recorder.store.segments(ofTrace: TelemetryAPITests.trace)
        #expect(documents.count == 2)
        let stored = String(decoding: try JSONEncoder().encode(documents), as: UTF8.self)
        for secret in Self.secrets + ["\"Ada\""] {
            #expect(!stored.contains(secret), "\(secret) was stored")
        }
        let root = try #require(documents.first { $0.id == "aaaaaaaaaaaaaaaa" })
        #expect(root.http?.request?.url == "/auth/callback?state=s1&code=[REDACTED]&token=[REDACTED]")
        let response = try #require(root.subsegments?.first?.metadata?["auth"]?["## auth response"])
        #expect(response["body"]?["expiresIn"] == .integer(3600), "the shape of the answer stays")
        let user = try #require(
            documents.first { $0.id == "cccccccccccccccc" }?.metadata?["users"]?["## users response"]?["body"])
        #expect(
            user["userId"] == .string("u1") && user["version"] == .integer(3) && user["email"] == .string("[REDACTED]"))
    }

    /// The store looks into a segment only when it holds one of three marks (a `?` for a query, `"metadata"`,
    /// `"annotations"`): each one alone gets the segment cleaned.
    @Test func eachMarkAloneGetsASegmentCleaned() async throws {
        let recorder = try TelemetryAPITests.recorder()
        var query = SegmentDocument(
            name: "query", id: "dddddddddddddddd", traceID: TelemetryAPITests.trace, startTime: 100)
        query.endTime = 100.01
        query.http = .init(request: .init(method: "GET", url: "/callback?code=123456"), response: .init(status: 200))
        var annotated = SegmentDocument(
            name: "annotated", id: "eeeeeeeeeeeeeeee", traceID: TelemetryAPITests.trace, startTime: 100)
        annotated.endTime = 100.01
        annotated.annotations = ["email": "ada@example.com"]
        var described = SegmentDocument(
            name: "described", id: "ffffffffffffffff", traceID: TelemetryAPITests.trace, startTime: 100)
        described.endTime = 100.01
        described.metadata = ["users": ["password": "Hunter2"]]
        for document in [query, annotated, described] { recorder.emit(document) }
        try await recorder.flush()

        let documents = try await recorder.store.segments(ofTrace: TelemetryAPITests.trace)
        #expect(documents.count == 3)
        let stored = String(decoding: try JSONEncoder().encode(documents), as: UTF8.self)
        for secret in ["123456", "ada@example.com", "Hunter2"] {
            #expect(!stored.contains(secret), "\(secret) was stored")
        }
    }

    @Test func aDatagramFromAnotherSDKIsStoredWithoutItsSecrets() async throws {
        let recorder = try TelemetryAPITests.recorder()
        let listener = try await XRayDaemonListener.start(port: 0, recorder: recorder)
        defer { Task { await listener.close() } }
        let trace = XRayTraceHeader.newTraceID()
        let document =
            #"{"name":"legacy","id":"0123456789abcdef","trace_id":"\#(trace)","start_time":100,"end_time":101,"#
            + #""metadata":{"default":{"session":{"refresh_token":"rt-secret","otp":"otp-999","email":"ada@example.com"}}}}"#
        UDPSocketForTests(port: listener.port).send(#"{"format": "json", "version": 1}"# + "\n" + document)

        let stored = try #require(try await segments(of: trace, in: recorder).first)
        #expect(
            stored.metadata?["default"]?["session"] == [
                "refresh_token": "[REDACTED]", "otp": "[REDACTED]", "email": "[REDACTED]",
            ])
    }
}
