/// The parts of an HTTP request that Signature Version 4 covers, and where the signer puts its results.
public struct SigV4Request: Sendable, Equatable {
    /// One header line; names compare without case, and a name may occur more than once.
    public struct Header: Sendable, Equatable {
        /// The header's name as it is sent.
        public var name: String
        /// The header's value as it is sent.
        public var value: String

        /// A header from its name and value.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The method, e.g. `GET`.
    public var method: String
    /// The path as it goes on the wire (`/`, `/my-bucket/key%20name`).
    public var path: String
    /// The query as it goes on the wire, without the `?`; empty for none.
    public var query: String
    /// The headers, including `Host`.
    public var headers: [Header]
    /// The body's bytes.
    public var body: [UInt8]

    /// A request from its parts.
    public init(method: String, path: String, query: String = "", headers: [Header], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The values of every header named `name` (without case), in order.
    public func values(of name: String) -> [String] {
        self.headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }
}

extension SigV4Request: CustomStringConvertible, CustomDebugStringConvertible {
    /// The method, path, query and headers, with the session token and the `Authorization` header redacted, so that
    /// logging a signed request gives no credential away.
    public var description: String {
        let secretHeaders: Set<String> = ["authorization", "x-amz-security-token"]
        let headers = self.headers.map { header in
            "\(header.name): \(secretHeaders.contains(header.name.lowercased()) ? "<redacted>" : header.value)"
        }
        let query = self.query.split(separator: "&").map { parameter in
            parameter.lowercased().hasPrefix("x-amz-security-token=") ? "X-Amz-Security-Token=<redacted>" : parameter
        }.joined(separator: "&")
        return "SigV4Request(\(self.method) \(self.path)\(query.isEmpty ? "" : "?" + query), headers: \(headers), "
            + "body: \(self.body.count) bytes)"
    }

    /// The same as ``description``: nothing that may hold a secret is printed, in a debugger either.
    public var debugDescription: String { self.description }
}
