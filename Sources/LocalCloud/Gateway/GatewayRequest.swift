public import HTTPTypes

/// An HTTP request as it reaches the local API gateway, before it becomes an event.
public struct GatewayRequest: Sendable {
    public var method: HTTPRequest.Method
    /// The path as sent, without the query string (still percent-encoded).
    public var path: String
    /// The query string as sent, without `?`.
    public var rawQueryString: String
    /// Every header line in order; names as the client wrote them.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var sourceIP: String

    public init(
        method: HTTPRequest.Method,
        path: String,
        rawQueryString: String = "",
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = [],
        sourceIP: String = "127.0.0.1"
    ) {
        self.method = method
        self.path = path
        self.rawQueryString = rawQueryString
        self.headers = headers
        self.body = body
        self.sourceIP = sourceIP
    }

    /// The first value of the header `name` (given in lower case), matched without regard to case and without
    /// allocating: every request is asked for several.
    public func header(_ name: String) -> String? {
        self.headers.first { Self.equalsIgnoringASCIICase($0.name, lowercased: name) }?.value
    }

    private static func equalsIgnoringASCIICase(_ text: String, lowercased: String) -> Bool {
        guard text.utf8.count == lowercased.utf8.count else { return false }
        return zip(text.utf8, lowercased.utf8).allSatisfy { byte, lower in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 == lower : byte == lower
        }
    }
}
