import Foundation
import StratusTesting
import Testing

/// `schemathesis` fuzzes a running `stratus serve` from its own `GET /openapi.json`, with a valid token for the
/// protected routes: no answer may be a server error, and every answer must match the document.
@Suite("Schemathesis attacks")
struct SchemathesisTests {
    /// The `schemathesis` command beside the test Python (installed by scripts/test.sh from requirements-test.txt).
    static let schemathesis: String? = {
        guard let python = TestEnvironment.python else { return nil }
        let command = URL(fileURLWithPath: python).deletingLastPathComponent().appendingPathComponent("schemathesis")
            .path
        return FileManager.default.isExecutableFile(atPath: command) ? command : nil
    }()

    /// Examples per operation and phase: with seed 2 enough to find the forged cursor that crashed the server, in
    /// about 30 seconds on two cores.
    static let maximumExamples = 100

    @Test(
        .enabled(if: Self.schemathesis != nil || TestEnvironment.isCI, "schemathesis is not installed"),
        .timeLimit(.minutes(5)))
    func everyAnswerMatchesTheDocumentAndNoneIsAServerError() async throws {
        let schemathesis = try #require(Self.schemathesis, "CI runs schemathesis: install it with scripts/test.sh")
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        let (process, url, _) = try await StratusServe.start(dataDirectory: data)
        defer { if process.isRunning { process.terminate() } }
        let token = try await StratusServe.token(
            ["--sub", "schemathesis", "--email", "st@example.com"], dataDirectory: data)
        let run = try await runToCompletion(
            schemathesis,
            [
                "run", url.appendingPathComponent("openapi.json").absoluteString,
                "--checks",
                "not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance",
                "--max-examples", String(Self.maximumExamples), "--seed", "2", "--request-timeout", "20",
                "--header", "Authorization: Bearer \(token)", "--no-color", "--generation-database", "none",
            ], currentDirectory: URL(fileURLWithPath: directory.path("")), mergingErrors: true)
        #expect(run.status == 0, "\(run.outputText.suffix(6000))")
        #expect(process.isRunning, "the server survived the run")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }
}
