import Cloud
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Reads a running `stratus serve`'s telemetry API (`/_stratus/api/`), with its admin token.
struct TelemetryClient {
    let endpoint: URL
    /// Sent as `Authorization: Bearer`; `nil` sends none (and the server refuses).
    let adminToken: String?
    /// Where the token was looked for.
    private let tokenFolder: LocalDataDirectory

    /// A client of the server at `endpoint`, with the admin token of `STRATUS_ADMIN_TOKEN`, else the one the server
    /// saved in `dataDirectory` (its `--data-dir`).
    init(endpoint: String, dataDirectory: String) throws {
        guard let url = URL(string: endpoint), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw CommandLineError("--endpoint must be an http URL such as http://127.0.0.1:3000, not \(endpoint)")
        }
        self.endpoint = url
        self.tokenFolder = LocalDataDirectory(path: dataDirectory)
        self.adminToken = LocalDataDirectory.environmentAdminToken() ?? self.tokenFolder.savedAdminToken()
    }

    /// `GET /_stratus/api/<resource>?<query>`, decoded; a refusal or an unreachable server is a ``CommandLineError``.
    func get<Answer: Decodable>(_ resource: String, query: [(String, String?)] = [], as type: Answer.Type) async throws
        -> Answer
    {
        var components = URLComponents(url: self.endpoint, resolvingAgainstBaseURL: false)!
        components.path = "/_stratus/api/" + resource
        let items = query.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        components.queryItems = items.isEmpty ? nil : items
        var request = URLRequest(url: components.url!)
        request.timeoutInterval = 10
        if let adminToken { request.setValue("Bearer \(adminToken)", forHTTPHeaderField: "authorization") }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw CommandLineError(
                "Cannot reach stratus serve at \(self.endpoint.absoluteString) (is it running?): \(error.localizedDescription)"
            )
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        if status == 401 {
            let found =
                self.adminToken == nil
                ? "No admin token in STRATUS_ADMIN_TOKEN or \(self.tokenFolder.adminTokenPath)"
                : "stratus serve refused the admin token (is it another folder's, or an earlier run's?)"
            throw CommandLineError("\(found): pass the --data-dir stratus serve runs with, or set STRATUS_ADMIN_TOKEN")
        }
        guard status == 200 else {
            let problem = try? JSONDecoder().decode(ProblemDetails.self, from: data)
            throw CommandLineError(problem?.detail ?? "stratus serve answered \(status) for \(components.path)")
        }
        do {
            return try JSONDecoder().decode(Answer.self, from: data)
        } catch {
            throw CommandLineError("stratus serve's answer for \(components.path) is not what this CLI reads: \(error)")
        }
    }
}
