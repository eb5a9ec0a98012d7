import Middleware
import Testing

/// The headers an operation takes are documented with the form the handlers accept, so that a client (or
/// schemathesis) sending what the document allows is not refused.
@Suite("OpenAPI header parameters")
struct OpenAPIHeaderParameterTests {
    struct Change: Codable, Sendable, Validatable {
        var status: String
        func validate(_ validator: inout Validator) {}
    }

    static func header(_ name: String, of route: Route) -> JSONValue? {
        route.apiOperation.operation["parameters"]?.arrayValue?.first { $0["name"]?.stringValue == name }?["schema"]
    }

    @Test func ifMatchIsAQuotedVersionAndAnIdempotencyKeyIsVisibleASCII() throws {
        let fixture = try IdempotencyFixture()
        let router = HTTPRouter {
            Route(
                .patch, "/orders/{id}", authorization: .jwt(), idempotency: fixture.idempotency(), body: Change.self,
                errors: [428]
            ) { _, _, _ in APIResponse(body: ["ok": "yes"]) }
        }
        let route = try #require(router.routes.first)
        #expect(Self.header("If-Match", of: route)?["pattern"] == #"^"[1-9][0-9]{0,8}"$"#)
        #expect(Self.header("Idempotency-Key", of: route)?["pattern"] == #"^[\x21-\x7E]+$"#)
    }
}
