import Cloud
import LambdaRuntime
import Testing

/// The manifest's own rules, for any app.
@Suite("App manifest")
struct AppManifestTests {
    struct Nothing: LambdaHandler {
        func handle(_ event: [String: String], context: LambdaContext) async throws -> [String: String] { event }
    }

    @Test func duplicateNamesAndRoutesAreRejected() {
        let twice = AppManifest("a", version: "1") {
            Function("same") { _ in Nothing() }
            Function("same") { _ in Nothing() }
        }
        #expect(throws: ManifestError.duplicateFunction("same")) { try twice.validate() }
        let clash = AppManifest("a", version: "1") {
            Function("one") { _ in Nothing() }.http("GET /x")
            Function("two") { _ in Nothing() }.http("GET /x")
        }
        #expect(throws: ManifestError.duplicateRoute("GET /x", functions: ["one", "two"])) { try clash.validate() }
    }

    @Test func settingsOutsideLambdasLimitsAreRejected() {
        let app = AppManifest("a", version: "1") {
            Function("tiny", memoryMB: 64) { _ in Nothing() }
        }
        #expect(throws: ManifestError.self) { try app.validate() }
        let bad = AppManifest("a", version: "1") { Function("no spaces allowed") { _ in Nothing() } }
        #expect(throws: ManifestError.invalidFunctionName("no spaces allowed")) { try bad.validate() }
        let route = AppManifest("a", version: "1") { Function("r") { _ in Nothing() }.http("FETCH health") }
        #expect(throws: ManifestError.invalidRoute("FETCH health", function: "r")) { try route.validate() }
    }
}
