import Testing

@testable import LocalCloud

/// Which Runtime API endpoint a request's method and target name, read from their bytes.
@Suite("Runtime API routes")
struct RuntimeAPIRouteTests {
    static let routed: [(String, String, RuntimeAPIRoute)] = [
        ("GET", "/2018-06-01/runtime/invocation/next", .next),
        ("GET", "/2018-06-01/runtime/invocation/next?wait=1", .next),
        ("POST", "/2018-06-01/runtime/invocation/8f5a-1/response", .response(requestID: "8f5a-1")),
        ("POST", "/2018-06-01/runtime/invocation/8f5a-1/error", .error(requestID: "8f5a-1")),
        ("POST", "/2018-06-01/runtime/invocation/é%20x/response?x=/", .response(requestID: "é%20x")),
        ("POST", "/2018-06-01/runtime/init/error", .initError),
    ]

    @Test(arguments: Self.routed)
    func aRuntimeAPIRequestNamesItsEndpoint(method: String, target: String, route: RuntimeAPIRoute) {
        #expect(RuntimeAPIRoute(method: method, target: target) == route)
    }

    static let unrouted: [(String, String)] = [
        ("POST", "/2018-06-01/runtime/invocation/next"),
        ("get", "/2018-06-01/runtime/invocation/next"),
        ("GET", "/2018-06-01/runtime/invocation/next/"),
        ("GET", "/2018-06-01/runtime/invocation/nex"),
        ("GET", "/2018-06-01/runtime/"),
        ("GET", "/2018-06-01/runtime"),
        ("GET", ""),
        ("PUT", "/2018-06-01/runtime/invocation/a/response"),
        ("POST", "/2018-06-01/runtime/invocation//response"),
        ("POST", "/2018-06-01/runtime/invocation/a/responses"),
        ("POST", "/2018-06-01/runtime/invocation/a/b/response"),
        ("POST", "/2018-06-01/runtime/invocation/a"),
        ("POST", "/2018-06-01/runtime/init/error/x"),
        ("GET", "/2018-06-01/runtime/init/error"),
        ("POST", "/2019-01-01/runtime/init/error"),
    ]

    @Test(arguments: Self.unrouted)
    func anythingElseHasNoEndpoint(method: String, target: String) {
        #expect(RuntimeAPIRoute(method: method, target: target) == nil)
    }
}
