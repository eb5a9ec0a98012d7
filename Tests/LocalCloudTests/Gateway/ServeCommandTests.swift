import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `stratus serve` as a user runs it: a process that prints its URL, answers over HTTP and stops on SIGTERM.
@Suite("stratus serve")
struct ServeCommandTests {
    /// Starts `stratus serve` on a free port and returns the process, its base URL and everything it printed so far.
    static func start(dataDirectory: String) async throws -> (Process, URL, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.stratus)
        process.arguments = ["serve", "--port", "0", "--data-dir", dataDirectory]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Read the banner on a thread of its own: a blocking read must not hold a cooperative thread.
        let banner = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var text = ""
                while !text.contains("Stratus local cloud on ") || !text.hasSuffix("\n") {
                    let chunk = output.fileHandleForReading.availableData
                    guard !chunk.isEmpty else { break }
                    text += String(decoding: chunk, as: UTF8.self)
                }
                continuation.resume(returning: text)
            }
        }
        let url = try #require(banner.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+/).map { URL(string: String($0.output))! })
        #expect(banner.contains("FUNCTION"))
        #expect(banner.contains("GET /health"))
        return (process, url, output)
    }

    @Test(.timeLimit(.minutes(1))) func servesTheFunctionsOverHTTPAndStopsCleanlyOnSIGTERM() async throws {
        let directory = try TemporaryDirectory()
        let (process, url, output) = try await Self.start(dataDirectory: directory.path("data"))
        defer { if process.isRunning { process.terminate() } }

        let (body, response) = try await URLSession.shared.data(from: url.appendingPathComponent("health"))
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 200)
        #expect(http.value(forHTTPHeaderField: "apigw-requestid") != nil)
        let health = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(health["status"] as? String == "ok")
        #expect(health["checks"] as? [String: String] == ["store": "ok"])

        let (problem, missing) = try await URLSession.shared.data(from: url.appendingPathComponent("no-such-route"))
        #expect((missing as? HTTPURLResponse)?.statusCode == 404)
        #expect(String(decoding: problem, as: UTF8.self).contains(#""status":404"#))

        #expect(FileManager.default.fileExists(atPath: directory.path("data") + "/store.sqlite"))
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let rest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(rest.contains("Stratus local cloud stopped"))
    }

    @Test func aBadPortIsAClearErrorAndANonZeroExit() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.stratus)
        process.arguments = ["serve", "--port", "70000"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.contains("--port must be between 0 and 65535"))
    }
}
