import Foundation
import LocalCloud
import Observability
import StratusTesting
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The reference functions as their logs show them under `stratus serve`, with debug logging and event logging on.
@Suite("Observed reference functions", .serialized)
struct ObservedFunctionsTests {
    static let requiredKeys = [
        "level", "location", "message", "timestamp", "service", "cold_start", "function_name", "function_memory_size",
        "function_arn", "function_request_id", "correlation_id", "xray_trace_id",
    ]

    @Test(.timeLimit(.minutes(2))) func everyLineIsPowertoolsJSONSharesItsRequestsCorrelationIDAndHoldsNoSecret()
        async throws
    {
        let directory = try TemporaryDirectory()
        let logPath = directory.path("functions.log")
        #expect(FileManager.default.createFile(atPath: logPath, contents: nil))
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let (process, url, _) = try await StratusServe.start(
            dataDirectory: directory.path("data"),
            environment: ["POWERTOOLS_LOG_LEVEL": "DEBUG", "POWERTOOLS_LOGGER_LOG_EVENT": "true"],
            standardError: log
        )
        defer { if process.isRunning { process.terminate() } }
        func send(_ method: String, _ path: String, token: String? = nil, body: String? = nil) async throws -> (
            Int, [String: Any], HTTPURLResponse
        ) {
            try await StratusServe.send(method, url.appendingPathComponent(path), token: token, body: body)
        }

        let password = "Correct-Horse-7"
        let (registered, _, registration) = try await send(
            "POST", "auth/register",
            body: #"{"email":"ada@example.com","password":"\#(password)","name":"Ada"}"#)
        #expect(registered == 201)
        let (signedIn, tokens, _) = try await send(
            "POST", "auth/login", body: #"{"email":"ada@example.com","password":"\#(password)"}"#)
        #expect(signedIn == 200)
        let (refused, _, _) = try await send(
            "POST", "auth/login", body: #"{"email":"ada@example.com","password":"Wrong-Horse-8"}"#)
        #expect(refused == 401)
        let accessToken = try #require(tokens["accessToken"] as? String)
        let (created, order, creation) = try await send(
            "POST", "orders", token: accessToken,
            body: #"{"items":[{"sku":"A-1","quantity":2,"unitPrice":1999}],"currency":"EUR"}"#)
        #expect(created == 201)
        let (read, _, _) = try await send(
            "GET", "orders/\(try #require(order["orderId"] as? String))", token: accessToken)
        #expect(read == 200)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        try log.close()

        let text = try String(contentsOfFile: logPath, encoding: .utf8)
        let secrets =
            [password, "Wrong-Horse-8", accessToken] + ["idToken", "refreshToken"].compactMap { tokens[$0] as? String }
        for secret in secrets { #expect(!text.contains(secret), "a secret reached the log") }

        let objects = text.split(separator: "\n").filter { $0.hasPrefix("{") && !$0.hasPrefix(#"{"_aws""#) }.map {
            line in
            (line: String(line), object: (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any])
        }
        #expect(objects.count >= 5)
        for (line, object) in objects {
            let object = try #require(object, "not JSON: \(line)")
            for key in Self.requiredKeys { #expect(object[key] != nil, "no \(key) in \(line)") }
        }
        let lines = objects.compactMap(\.object)
        // The requests' functions log, and the event consumers may too once the events reach them.
        let functions = Set(lines.compactMap { $0["function_name"] as? String })
        #expect(functions.isSuperset(of: ["auth", "orders"]))
        #expect(functions.isSubset(of: ["auth", "orders", "notifications-worker", "analytics-worker"]))
        // Every line of one invocation carries that invocation's correlation id: API Gateway's request id.
        for requestID in Set(lines.compactMap { $0["function_request_id"] as? String }) {
            let correlationIDs = Set(
                lines.filter { $0["function_request_id"] as? String == requestID }.compactMap {
                    $0["correlation_id"] as? String
                })
            #expect(correlationIDs.count == 1)
        }
        for response in [registration, creation] {
            let gatewayRequestID = try #require(response.value(forHTTPHeaderField: "apigw-requestid"))
            let event = lines.first {
                $0["correlation_id"] as? String == gatewayRequestID
                    && $0["message"] as? String == "Lambda invocation event"
            }
            #expect(event != nil, "no event line for \(gatewayRequestID)")
            // ... and the request's trace id, the one its answer names.
            let traceID = try #require(
                response.value(forHTTPHeaderField: "x-amzn-trace-id").flatMap(XRayTraceHeader.init)?.root)
            let traceIDs = Set(
                lines.filter { $0["correlation_id"] as? String == gatewayRequestID }.compactMap {
                    $0["xray_trace_id"] as? String
                })
            #expect(traceIDs == [traceID])
        }
        #expect(lines.first { $0["function_name"] as? String == "auth" }?["cold_start"] as? Bool == true)
    }
}
