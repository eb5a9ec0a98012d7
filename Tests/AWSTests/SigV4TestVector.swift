import AWS
import Foundation
import StratusTesting

/// One case of the AWS signing test suite in `../shared/conformance/sigv4`: the request, its signing context and the
/// expected results, read from the case's folder.
struct SigV4TestVector {
    /// Where the suite is: found by walking up from this file, since CI keeps it beside the checkout.
    static let directory: URL? = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("shared/conformance/sigv4")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("README.md").path) {
                return candidate
            }
            folder.deleteLastPathComponent()
        }
        return nil
    }()

    /// The names of the cases, sorted; empty when the suite is absent.
    static let names: [String] = {
        guard let directory else { return [] }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return entries.filter { name in
            FileManager.default.fileExists(atPath: directory.appendingPathComponent("\(name)/context.json").path)
        }.sorted()
    }()

    let folder: URL
    let request: SigV4Request
    let credentials: AWSCredentials
    let region: String
    let service: String
    let time: AWSTimestamp
    let expiresIn: Int
    let options: SigV4Options

    init(name: String) throws {
        guard let directory = Self.directory else { throw VectorError("the suite is absent") }
        self.folder = directory.appendingPathComponent(name)
        let contextData = try Data(contentsOf: self.folder.appendingPathComponent("context.json"))
        guard let context = try JSONSerialization.jsonObject(with: contextData) as? [String: Any],
            let keys = context["credentials"] as? [String: String],
            let accessKeyID = keys["access_key_id"], let secret = keys["secret_access_key"],
            let region = context["region"] as? String, let service = context["service"] as? String,
            let timestamp = (context["timestamp"] as? String).flatMap(AWSTimestamp.init(iso8601:))
        else { throw VectorError("\(name)/context.json lacks a field") }
        self.credentials = AWSCredentials(
            accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: keys["token"])
        self.region = region
        self.service = service
        self.time = timestamp
        self.expiresIn = context["expiration_in_seconds"] as? Int ?? 3600
        self.options = SigV4Options(
            doublesURIEncoding: true,
            normalizesPath: context["normalize"] as? Bool ?? true,
            omitsSessionToken: context["omit_session_token"] as? Bool ?? false,
            sendsContentHash: context["sign_body"] as? Bool ?? false
        )
        self.request = try Self.parseRequest(
            try String(contentsOf: self.folder.appendingPathComponent("request.txt"), encoding: .utf8))
    }

    /// The expected text of `file`, or `nil` when the case has none.
    func expected(_ file: String) throws -> String? {
        let url = self.folder.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try self.text(file)
    }

    private func text(_ file: String) throws -> String {
        try String(contentsOf: self.folder.appendingPathComponent(file), encoding: .utf8)
    }

    /// Parses an HTTP/1.1 request as the suite writes it: a request line, header lines (a line that starts with
    /// white space continues the previous header), a blank line, the body.
    static func parseRequest(_ text: String) throws -> SigV4Request {
        let (head, body) = Self.splitHead(text)
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingSuffix("\r") }
        guard !lines.isEmpty else { throw VectorError("empty request") }
        let requestLine = lines.removeFirst()
        guard let firstSpace = requestLine.firstIndex(of: " "), let lastSpace = requestLine.lastIndex(of: " "),
            firstSpace < lastSpace
        else { throw VectorError("bad request line \(requestLine)") }
        let target = requestLine[requestLine.index(after: firstSpace)..<lastSpace]
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var headers: [SigV4Request.Header] = []
        for line in lines where !line.isEmpty {
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += "\n" + line
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { throw VectorError("bad header line \(line)") }
            headers.append(.init(String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
        return SigV4Request(
            method: String(requestLine[..<firstSpace]), path: String(path[0]),
            query: path.count > 1 ? String(path[1]) : "", headers: headers, body: Array(body.utf8))
    }

    private static func splitHead(_ text: String) -> (head: Substring, body: Substring) {
        guard let blank = text.range(of: "\n\n") else { return (text[...], "") }
        return (text[..<blank.lowerBound], text[blank.upperBound...])
    }
}

/// A test vector that cannot be read.
struct VectorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Substring {
    fileprivate func trimmingSuffix(_ suffix: String) -> Substring {
        self.hasSuffix(suffix) ? self.dropLast(suffix.count) : self
    }
}
