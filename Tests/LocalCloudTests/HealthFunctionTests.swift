import App
import Cloud
import LambdaRuntime
import LocalCloud
import NIOCore
import Testing

@Suite("The health function")
struct HealthFunctionTests {
    static func invoke(_ method: String, _ path: String) async throws -> [String: Any] {
        let health = try #require(ReferenceApp.manifest.function(named: "health"))
        let event = BootstrapRuntimeTests.healthEvent
            .replacingOccurrences(of: #""method": "GET""#, with: #""method": "\#(method)""#)
            .replacingOccurrences(of: #""rawPath": "/health""#, with: #""rawPath": "\#(path)""#)
        let instance = InProcessFunctionInstance(function: health, metadata: FunctionMetadata(name: "health"), logSink: InMemoryLogSink())
        return try await instance.invoke(InvocationRequest(event: ByteBuffer(string: event))).responseJSON()
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
