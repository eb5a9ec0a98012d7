import App
import Cloud
import Foundation
import LambdaRuntime
import LocalCloud
import NIOCore
import Services
import StratusTesting
import Testing

@Suite("The health function")
struct HealthFunctionTests {
    static func invoke(_ method: String, _ path: String, ports: CloudPorts = .unconfigured("no store")) async throws
        -> [String: Any]
    {
        let health = try #require(ReferenceApp.manifest.function(named: "health"))
        let event = ExampleEvents.health
            .replacingOccurrences(of: #""method": "GET""#, with: #""method": "\#(method)""#)
            .replacingOccurrences(of: #""rawPath": "/health""#, with: #""rawPath": "\#(path)""#)
        let instance = InProcessFunctionInstance(
            function: health, metadata: FunctionMetadata(name: "health"), ports: ports, logSink: InMemoryLogSink()
        )
        return try await instance.invoke(InvocationRequest(event: ByteBuffer(string: event))).responseJSON()
    }

    static func status(_ response: [String: Any]) throws -> HealthStatus {
        try JSONDecoder().decode(HealthStatus.self, from: Data(try #require(response["body"] as? String).utf8))
    }

    @Test func aReachableStoreIsOkAndAMissingOneIsDegradedWith503() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteItemStore(path: directory.path("store.sqlite"))
        let healthy = try await Self.invoke("GET", "/health", ports: CloudPorts(store: store))
        #expect(healthy["statusCode"] as? Int == 200)
        #expect(
            try Self.status(healthy)
                == HealthStatus(status: "ok", version: ReferenceApp.version, coldStart: true, checks: ["store": "ok"]))
        let degraded = try await Self.invoke("GET", "/health")
        #expect(degraded["statusCode"] as? Int == 503)
        #expect(try Self.status(degraded).checks == ["store": "unavailable"])
    }

    @Test func otherMethodsAndPathsGetProblemAnswers() async throws {
        let post = try await Self.invoke("POST", "/health")
        #expect(post["statusCode"] as? Int == 405)
        #expect((post["headers"] as? [String: String])?["allow"] == "GET")
        let elsewhere = try await Self.invoke("GET", "/healthz")
        #expect(elsewhere["statusCode"] as? Int == 404)
        #expect((elsewhere["headers"] as? [String: String])?["content-type"] == "application/problem+json")
    }
}
