import Foundation
import Testing

@testable import LambdaRuntime

@Suite("_X_AMZN_TRACE_ID", .serialized)
struct TraceIDEnvironmentTests {
    static func current() -> String? {
        getenv("_X_AMZN_TRACE_ID").map { String(cString: $0) }
    }

    @Test func eachInvocationRewritesTheSameVariable() {
        let environment = TraceIDEnvironment()
        environment.export("Root=1-6740d5a1-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=1")
        #expect(Self.current() == "Root=1-6740d5a1-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=1")
        environment.export("Root=1-6740d5a2-aaaaaaaaaaaaaaaaaaaaaaaa;Sampled=0")
        #expect(Self.current() == "Root=1-6740d5a2-aaaaaaaaaaaaaaaaaaaaaaaa;Sampled=0")
        environment.export(nil)
        #expect(Self.current() == "")
        environment.export(String(repeating: "x", count: TraceIDEnvironment.capacity + 1))
        #expect(Self.current() == "")
    }
}
