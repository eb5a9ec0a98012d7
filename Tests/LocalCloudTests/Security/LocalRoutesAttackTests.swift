import Foundation
import StratusTesting
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Attacks on the routes `stratus serve` answers itself (the public documents and the telemetry API under
/// `/_stratus/`, Hummingbird routes in front of the gateway), against a real process: other methods on a document's
/// path, other methods and unknown paths under `/_stratus/`, encoded trace ids, and origins CORS does not allow.
@Suite("Local routes attacks", .serialized)
struct LocalRoutesAttackTests {
    /// The problem body's request id, which the `apigw-requestid` header repeats.
    static func expectProblem(
        _ answer: (Int, [String: Any], HTTPURLResponse), _ status: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (answered, problem, response) = answer
        #expect(answered == status, sourceLocation: sourceLocation)
        #expect(
            response.value(forHTTPHeaderField: "content-type") == "application/problem+json",
            sourceLocation: sourceLocation)
        #expect(
            problem["status"] as? Int == status && problem["title"] is String && problem["detail"] is String,
            sourceLocation: sourceLocation)
        let requestID = problem["requestId"] as? String
        #expect(
            requestID != nil && response.value(forHTTPHeaderField: "apigw-requestid") == requestID,
            sourceLocation: sourceLocation)
    }

    @Test(.timeLimit(.minutes(1))) func theLocalRoutesAnswerOnlyTheirMethodsAndPaths() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        let (process, url, _) = try await StratusServe.start(
            dataDirectory: data, arguments: ["--cors-origin", "https://app.example"])
        defer { if process.isRunning { process.terminate() } }
        let token = try TelemetryAttackTests.adminToken(dataDirectory: data)

        let (status, document, response) = try await StratusServe.send(
            "GET", url.appendingPathComponent("openapi.json"), token: nil, headers: ["origin": "https://app.example"])
        #expect(status == 200 && document["openapi"] as? String == "3.1.0")
        #expect(response.value(forHTTPHeaderField: "cache-control") == "max-age=300")
        #expect(response.value(forHTTPHeaderField: "access-control-allow-origin") == "https://app.example")
        #expect(response.value(forHTTPHeaderField: "apigw-requestid")?.count == 16)
        let foreign = try await StratusServe.send(
            "GET", url.appendingPathComponent(".well-known/jwks.json"), token: nil,
            headers: ["origin": "https://evil.example"])
        #expect(foreign.0 == 200 && foreign.2.value(forHTTPHeaderField: "access-control-allow-origin") == nil)

        // A document's path answers GET only: any other method is the gateway's, which has no such route.
        Self.expectProblem(
            try await StratusServe.send(
                "POST", url.appendingPathComponent("openapi.json"), token: nil, body: "{}"), 404)

        let api = url.appendingPathComponent("_stratus/api")
        Self.expectProblem(
            try await StratusServe.send("PUT", api.appendingPathComponent("logs"), token: nil, body: "{}"), 401)
        Self.expectProblem(
            try await StratusServe.send("DELETE", api.appendingPathComponent("logs"), token: token), 405)
        Self.expectProblem(
            try await StratusServe.send("GET", api.appendingPathComponent("logs/deeper/still"), token: token), 404)
        Self.expectProblem(
            try await StratusServe.send("GET", url.appendingPathComponent("_stratus"), token: token), 404)
        let encoded = try await StratusServe.send(
            "GET", URL(string: api.absoluteString + "/traces/a%2Fb")!, token: token)
        Self.expectProblem(encoded, 404)
        #expect(encoded.1["detail"] as? String == "No trace a/b is recorded")
        let (logs, page, _) = try await StratusServe.send("GET", api.appendingPathComponent("logs"), token: token)
        #expect(logs == 200 && page["logs"] is [Any])
    }
}
