import App
import Cloud
import Foundation
import LambdaEvents
import OpenAPI
import Services
import StratusTesting
import Testing

/// The OpenAPI document is generated from the route declarations, says what the handlers really do, and validates.
@Suite struct OpenAPIDocumentTests {
    static func document() async throws -> [String: JSONValue] {
        try #require(
            try await OpenAPIDocument.make(manifest: ReferenceApp.manifest, ports: .unconfigured("docs")).objectValue)
    }

    @Test func everyRouteOfTheManifestIsDescribedOnceWithItsSecurity() async throws {
        let document = try await Self.document()
        #expect(document["openapi"] == "3.1.0")
        let paths = try #require(document["paths"]?.objectValue)
        var described: Set<String> = []
        for (path, item) in paths {
            for method in item.objectValue?.keys.map({ $0 }) ?? [] {
                described.insert("\(method.uppercased()) \(path)")
            }
        }
        let routed = Set(ReferenceApp.manifest.functions.flatMap(\.routes).map(\.routeKey))
        #expect(described == routed)
        #expect(paths["/orders"]?["post"]?["security"] == [["bearerAuth": []]])
        #expect(paths["/health"]?["get"]?["security"] == [])
        #expect(paths["/auth/login"]?["post"]?["security"] == [])
        #expect(document["components"]?["securitySchemes"]?["bearerAuth"]?["scheme"] == "bearer")
    }

    @Test func bodiesCarryTheirValidationRulesAndAnswersTheirStatuses() async throws {
        let document = try await Self.document()
        let schemas = try #require(document["components"]?["schemas"])
        let order = try #require(schemas["CreateOrderRequest"])
        #expect(order["required"] == ["items", "currency"])
        #expect(order["properties"]?["items"]?["minItems"] == 1)
        #expect(order["properties"]?["items"]?["maxItems"] == 100)
        let line = try #require(order["properties"]?["items"]?["items"])
        #expect(line["properties"]?["quantity"]?["minimum"] == 1)
        #expect(line["properties"]?["quantity"]?["maximum"] == 1000)
        #expect(line["properties"]?["sku"]?["pattern"] == "^[A-Za-z0-9_-]*$")
        #expect(order["properties"]?["currency"]?["enum"]?.arrayValue?.contains("EUR") == true)
        #expect(schemas["RegisterRequest"]?["properties"]?["email"]?["format"] == "email")
        #expect(schemas["RegisterRequest"]?["properties"]?["password"]?["minLength"] == 8)
        #expect(schemas["UpdateProfileRequest"]?["required"] == ["name"], "optional fields are not required")
        #expect(
            schemas["Order"]?["properties"]?["status"]?["enum"] == [
                "PENDING", "CONFIRMED", "SHIPPED", "DELIVERED", "CANCELLED",
            ])

        let paths = try #require(document["paths"])
        let create = try #require(paths["/orders"]?["post"]?["responses"]?.objectValue)
        #expect(Set(create.keys) == ["201", "400", "401", "409", "413", "415", "422", "431", "500", "504"])
        #expect(create["201"]?["content"]?["application/json"]?["schema"]?["$ref"] == "#/components/schemas/Order")
        let move = try #require(paths["/orders/{id}/status"]?["patch"])
        let moveStatuses = Set(move["responses"]?.objectValue?.keys.map { $0 } ?? [])
        #expect(moveStatuses.isSuperset(of: ["200", "403", "404", "409", "412", "428"]))
        #expect(move["parameters"]?.arrayValue?.compactMap { $0["name"]?.stringValue }.sorted() == ["If-Match", "id"])
        #expect(paths["/auth/logout"]?["post"]?["responses"]?["204"] != nil)
        #expect(paths["/auth/register"]?["post"]?["responses"]?["409"] != nil)
        #expect(paths["/auth/login"]?["post"]?["responses"]?["429"]?["headers"]?["Retry-After"] != nil)
    }

    @Test func aManifestThatRoutesWhatItsHandlerDoesNotDeclareIsRefused() async throws {
        let manifest = AppManifest("drifted", version: "1") {
            Function("health") { context in HealthHandler(version: "1", store: context.ports.store) }
                .http("GET /health", "GET /status")
        }
        await #expect(
            throws: ManifestError.routesDisagree(function: "health", manifestOnly: ["GET /status"], handlerOnly: [])
        ) {
            try await OpenAPIDocument.make(manifest: manifest, ports: .unconfigured("docs"))
        }
    }

    @Test(.enabled(if: TestEnvironment.awsLambdaRICAvailable, "needs the test virtualenv (openapi-spec-validator)"))
    func theDocumentValidatesAsOpenAPI31() async throws {
        let python = try #require(TestEnvironment.python, "scripts/test.sh installs the test virtualenv")
        let directory = try TemporaryDirectory()
        let path = directory.path("openapi.json")
        let generated = try await runToCompletion(
            TestEnvironment.stratus, ["openapi", "--server", "http://127.0.0.1:3000"])
        #expect(generated.status == 0)
        try generated.output.write(to: URL(fileURLWithPath: path))
        let validated = try await runToCompletion(python, ["-m", "openapi_spec_validator", path], mergingErrors: true)
        let text = validated.outputText
        #expect(validated.status == 0, "\(text)")
        #expect(text.contains("OK"))
    }
}
