import Foundation
import LocalCloud
import Observability
import StratusTesting
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Requests through `stratus serve` as X-Ray and CloudWatch would show them: one trace per request from the gateway
/// through the function to the store, the function's lines and metrics, read over `/_stratus/api/` and by the CLI.
@Suite("Traced requests under stratus serve", .serialized)
struct TracedRequestsTests {
    /// The `name` chain of a trace tree node and its first descendants, as `a > b > c`.
    static func names(_ node: [String: Any]) -> [String] {
        [node["name"] as? String ?? "?"] + ((node["subsegments"] as? [[String: Any]])?.first.map(Self.names) ?? [])
    }

    static func subsegments(_ node: [String: Any]) -> [[String: Any]] {
        (node["subsegments"] as? [[String: Any]]) ?? []
    }

    static func run(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.stratus)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readUntilEnd(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test(.timeLimit(.minutes(2))) func onePostOrdersIsOneTraceFromTheGatewayThroughTheFunctionToTheStore() async throws
    {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        let (process, url, _) = try await StratusServe.start(
            dataDirectory: data, arguments: ["--trace-reservoir", "0", "--trace-rate", "1"]
        )
        defer { if process.isRunning { process.terminate() } }
        let adminToken = try TelemetryAttackTests.adminToken(dataDirectory: data)
        func send(
            _ method: String, _ path: String, token: String? = nil, body: String? = nil, headers: [String: String] = [:]
        ) async throws -> (Int, [String: Any], HTTPURLResponse) {
            try await StratusServe.send(
                method, url.appendingPathComponent(path), token: token, body: body, headers: headers)
        }
        func api(_ path: String, _ query: String = "") async throws -> (Int, [String: Any]) {
            let target = URL(string: url.absoluteString + "/_stratus/api/" + path + (query.isEmpty ? "" : "?" + query))!
            let (status, body, _) = try await StratusServe.send("GET", target, token: adminToken)
            return (status, body)
        }

        #expect(
            try await send(
                "POST", "auth/register", body: #"{"email":"ada@example.com","password":"Correct-Horse-7","name":"Ada"}"#
            ).0 == 201)
        let (_, tokens, _) = try await send(
            "POST", "auth/login", body: #"{"email":"ada@example.com","password":"Correct-Horse-7"}"#)
        let token = try #require(tokens["accessToken"] as? String)
        let (created, _, creation) = try await send(
            "POST", "orders", token: token,
            body: #"{"items":[{"sku":"A-1","quantity":2,"unitPrice":1999}],"currency":"EUR"}"#,
            headers: ["idempotency-key": "order-1"])
        #expect(created == 201)
        let header = try #require(creation.value(forHTTPHeaderField: "x-amzn-trace-id").flatMap(XRayTraceHeader.init))
        #expect(header.sampled == true)

        // The function's subsegment arrives over UDP: wait until the tree reaches the store. The documents of the
        // order's event (the relay's, the bus's, the worker's) arrive in any order, and one whose parent has not
        // arrived yet stands alone for a moment: wait for them to join the tree too.
        let tree = try await eventually { () -> [String: Any]? in
            let (status, body) = try await api("traces/\(header.root)")
            guard status == 200, let roots = body["segments"] as? [[String: Any]], roots.count == 1,
                let stage = roots.first, Self.names(stage).count >= 5
            else { return nil }
            return body
        }
        let roots = try #require(tree["segments"] as? [[String: Any]])
        #expect(roots.count == 1, "one trace, one root")
        let stage = try #require(roots.first)
        #expect(Self.names(stage) == ["stratus/default", "Lambda", "orders", "## orders", "DynamoDB"])
        #expect(stage["origin"] as? String == "AWS::ApiGateway::Stage")
        #expect(((stage["http"] as? [String: Any])?["response"] as? [String: Any])?["status"] as? Int == 201)
        let function = try #require(Self.subsegments(Self.subsegments(stage)[0]).first)
        #expect(function["origin"] as? String == "AWS::Lambda::Function")
        let handler = try #require(Self.subsegments(function).first)
        #expect((handler["annotations"] as? [String: Any])?["Service"] as? String == "orders")
        let operations = Self.subsegments(handler).compactMap { ($0["aws"] as? [String: Any])?["operation"] as? String }
        #expect(operations.contains("TransactWriteItems"))
        for node in [stage, function, handler] + Self.subsegments(handler) {
            let offset = try #require(node["offsetMilliseconds"] as? Double)
            let duration = try #require(node["durationMilliseconds"] as? Double)
            #expect(
                offset >= 0 && duration >= 0
                    && offset + duration <= (tree["durationMilliseconds"] as? Double ?? 0) + 0.01)
        }

        // The function's lines carry the request's correlation id and trace id; its metrics are recorded.
        let requestID = try #require(creation.value(forHTTPHeaderField: "apigw-requestid"))
        let logs = try #require(try await api("logs", "correlationId=\(requestID)").1["logs"] as? [[String: Any]])
        #expect(!logs.isEmpty)
        #expect(logs.allSatisfy { $0["traceId"] as? String == header.root && $0["function"] as? String == "orders" })
        let metrics = try #require(try await api("metrics", "name=OrderValue").1["metrics"] as? [[String: Any]])
        #expect(metrics.first?["value"] as? Double == 3998)
        let functions = try #require(try await api("functions").1["functions"] as? [[String: Any]])
        let orders = try #require(functions.first { $0["function"] as? String == "orders" })
        #expect(
            orders["invocations"] as? Int == 1 && orders["coldStarts"] as? Int == 1 && orders["errors"] as? Int == 0)

        // The CLI reads the same.
        let (tracesStatus, timeline) = try Self.run([
            "traces", header.root, "--endpoint", url.absoluteString, "--data-dir", data,
        ])
        #expect(tracesStatus == 0)
        for expected in [
            "Trace \(header.root)", "stratus/default", "      ## orders", "DynamoDB", "TransactWriteItems stratus",
            "POST /orders",
        ] {
            #expect(timeline.contains(expected), "\(expected) not in:\n\(timeline)")
        }
        let (listStatus, list) = try Self.run(["traces", "--endpoint", url.absoluteString, "--data-dir", data])
        #expect(listStatus == 0 && list.contains(header.root) && list.contains("POST /orders"))
        let (logsStatus, lines) = try Self.run([
            // `=`: a request id may begin with `-`, which would read as an option.
            "logs", "--correlation-id=\(requestID)", "--endpoint", url.absoluteString, "--data-dir", data,
        ])
        #expect(logsStatus == 0)
        #expect(lines.contains("orders") && lines.contains("OrderCreated=1"))
        let (missingStatus, missing) = try Self.run([
            "traces", "1-00000000-000000000000000000000000", "--endpoint", url.absoluteString, "--data-dir", data,
        ])
        #expect(missingStatus != 0 && missing.contains("No trace 1-00000000-000000000000000000000000 is recorded"))
    }

    @Test(.timeLimit(.minutes(1))) func anIncomingTraceHeaderIsContinuedWithItsSamplingDecision() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        let (process, url, _) = try await StratusServe.start(
            dataDirectory: data, arguments: ["--trace-reservoir", "0", "--trace-rate", "0"])
        defer { if process.isRunning { process.terminate() } }
        let unsampled = XRayTraceHeader.newTraceID()
        let (_, _, first) = try await StratusServe.send(
            "GET", url.appendingPathComponent("health"), token: nil,
            headers: ["X-Amzn-Trace-Id": "Root=\(unsampled);Sampled=0"])
        #expect(first.value(forHTTPHeaderField: "x-amzn-trace-id") == "Root=\(unsampled);Sampled=0")
        let sampled = XRayTraceHeader.newTraceID()
        let caller = XRayTraceHeader.newSegmentID()
        _ = try await StratusServe.send(
            "GET", url.appendingPathComponent("health"), token: nil,
            headers: ["X-Amzn-Trace-Id": "Root=\(sampled);Parent=\(caller);Sampled=1"])
        let (_, _, fresh) = try await StratusServe.send("GET", url.appendingPathComponent("health"), token: nil)
        #expect(
            fresh.value(forHTTPHeaderField: "x-amzn-trace-id")?.hasSuffix(";Sampled=0") == true,
            "rate 0 samples no new trace")

        let adminToken = try TelemetryAttackTests.adminToken(dataDirectory: data)
        let traces = try #require(
            try await StratusServe.send(
                "GET", URL(string: url.absoluteString + "/_stratus/api/traces")!, token: adminToken
            ).1["traces"] as? [[String: Any]])
        #expect(traces.map { $0["traceId"] as? String } == [sampled])
        let (status, _, _) = try await StratusServe.send(
            "GET", URL(string: url.absoluteString + "/_stratus/api/traces/\(unsampled)")!, token: adminToken)
        #expect(status == 404, "an unsampled incoming trace records nothing")
        // The continued trace hangs under the caller's segment: the stage segment's parent is the header's Parent.
        let stage = try #require(
            try await TelemetryStore(path: "\(data)/telemetry.sqlite").segments(ofTrace: sampled).first {
                $0.origin == "AWS::ApiGateway::Stage"
            })
        #expect(stage.parentID == caller && stage.type == nil)
    }
}
