public import Foundation

#if canImport(FoundationNetworking)
public import FoundationNetworking
#endif

/// `stratus serve` as the end-to-end suites drive it: a real process on a free port, reached over HTTP, with tokens
/// from `stratus token`.
public enum StratusServe {
    /// Why a `stratus serve` process could not be used.
    public struct StartError: Error, CustomStringConvertible {
        /// What the process printed before it stopped or went quiet.
        public let banner: String

        /// Says that the process printed no function table or URL, and what it printed instead.
        public var description: String { "stratus serve printed no function table or URL; it printed: \(self.banner)" }
    }

    /// A `stratus serve` process that printed its start-up listing.
    public struct Started: Sendable {
        /// The process.
        public let process: Process
        /// Its base URL.
        public let url: URL
        /// Its standard output, after the start-up listing.
        public let output: Pipe
        /// The start-up listing, up to the line with the URL.
        public let banner: String
    }

    /// Starts `stratus serve` on free ports with its data in `dataDirectory`, `environment` added to the test's own,
    /// and the functions' lines going to `standardError`. Answers the process, its base URL and its standard output.
    /// The accounts get cheap password hashes: the end-to-end suites create many of them on a debug build.
    public static func start(
        dataDirectory: String, arguments: [String] = [], environment: [String: String] = [:],
        standardError: FileHandle = .nullDevice
    ) async throws -> (Process, URL, Pipe) {
        let started = try await Self.launch(
            dataDirectory: dataDirectory, arguments: arguments, environment: environment, standardError: standardError)
        return (started.process, started.url, started.output)
    }

    /// Starts `stratus serve` as ``start(dataDirectory:arguments:environment:standardError:)`` does, and answers its
    /// start-up listing too.
    public static func launch(
        dataDirectory: String, arguments: [String] = [], environment: [String: String] = [:],
        standardError: FileHandle = .nullDevice
    ) async throws -> Started {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.stratus)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.arguments =
            [
                "serve", "--port", "0", "--xray-port", "0", "--data-dir", dataDirectory,
                "--insecure-fast-password-hashing",
            ] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = standardError
        try process.run()
        let banner = await Self.banner(of: output)
        // The banner lists the functions and their routes before the URL line; a process that printed less is broken.
        guard banner.contains("FUNCTION"), banner.contains("GET /health"),
            let match = banner.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+/), let url = URL(string: String(match.output))
        else {
            process.terminate()
            throw StartError(banner: banner)
        }
        return Started(process: process, url: url, output: output, banner: banner)
    }

    /// What `stratus serve` printed on `output` up to its "Stratus local cloud on" line, read on a thread of its own:
    /// a blocking read must not hold a cooperative thread.
    public static func banner(of output: Pipe) async -> String {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var text = ""
                while !text.contains("Stratus local cloud on ") || !text.hasSuffix("\n") {
                    let chunk = output.fileHandleForReading.nextChunk()
                    guard !chunk.isEmpty else { break }
                    text += String(decoding: chunk, as: UTF8.self)
                }
                continuation.resume(returning: text)
            }
        }
    }

    /// Runs `stratus token` against `dataDirectory` and returns the token.
    public static func token(_ arguments: [String], dataDirectory: String) async throws -> String {
        let run = try await runToCompletion(
            TestEnvironment.stratus, ["token", "--data-dir", dataDirectory] + arguments)
        return run.outputText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Sends `body` as JSON text; see ``send(_:_:token:bytes:headers:)``.
    public static func send(
        _ method: String, _ url: URL, token: String?, body: String? = nil, headers: [String: String] = [:]
    ) async throws -> (Int, [String: Any], HTTPURLResponse) {
        try await Self.send(method, url, token: token, bytes: body.map { Data($0.utf8) }, headers: headers)
    }

    /// Sends `bytes` as the body (JSON unless `headers` say otherwise), with `token` as a bearer token, and answers
    /// the status, the JSON body (empty when it is not a JSON object) and the response.
    public static func send(
        _ method: String, _ url: URL, token: String?, bytes: Data?, headers: [String: String] = [:]
    ) async throws -> (Int, [String: Any], HTTPURLResponse) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "content-type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = bytes
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        return (http.statusCode, (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:], http)
    }
}
