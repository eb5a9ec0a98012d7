import Cloud
import Hashing

/// Who may use `/_stratus/` (the telemetry API and the dashboard on it), checked before anything is read:
///
/// 1. the `Host` header must name this server: its own `--host`, `localhost`, `127.0.0.1` or `[::1]`, on any port,
///    or one of ``allowedHosts``. A page of another site whose name resolves to 127.0.0.1 (DNS rebinding) sends its
///    own name, and is refused with 421 Misdirected Request;
/// 2. the request must carry the run's admin token, as `Authorization: Bearer <token>` (what `stratus logs` and
///    `stratus traces` send) or as the `token` query parameter (the URL `stratus serve` prints, for a browser).
///    Without it, or with another, the answer is 401 Unauthorized. The token is compared in constant time.
public struct TelemetryAccess: Sendable {
    /// The host names, lower-cased, a request's `Host` may carry (IPv6 addresses in brackets, without a port).
    public let allowedHosts: Set<String>
    private let adminToken: [UInt8]

    /// The name of the query parameter that may carry the token.
    public static let tokenParameter = "token"

    /// - Parameters:
    ///   - adminToken: The run's secret.
    ///   - serverHost: The address the server listens on (`--host`).
    ///   - allowedHosts: Other names the server is reached by (`--allowed-host`).
    public init(adminToken: String, serverHost: String, allowedHosts: [String] = []) {
        self.adminToken = Array(adminToken.utf8)
        self.allowedHosts = Set((["localhost", "127.0.0.1", "[::1]", serverHost] + allowedHosts).map(Self.normalized))
    }

    /// A new admin token: 32 random bytes from the system's secure generator, as 64 hexadecimal digits.
    public static func newAdminToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hashing.SHA256.hex((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// Why a request with the `Host` header `host`, the `Authorization` header `authorization` and the query string
    /// `query` may not be answered, or `nil` when it may.
    func refusal(host: String?, authorization: String?, query: String) -> TelemetryAPIError? {
        guard let name = host.flatMap(Self.hostName), self.allowedHosts.contains(name) else {
            return .misdirected("This server does not answer /_stratus/ for the host \(host ?? "(none)")")
        }
        guard let token = Self.token(authorization: authorization, query: query),
            ConstantTime.equal(Array(token.utf8), self.adminToken)
        else {
            return .unauthorized(
                "The telemetry API needs stratus serve's admin token, as Authorization: Bearer <token> or ?token=<token>"
            )
        }
        return nil
    }

    private static func token(authorization: String?, query: String) -> String? {
        if let authorization {
            let scheme = "bearer "
            guard authorization.count > scheme.count, authorization.prefix(scheme.count).lowercased() == scheme else {
                return nil
            }
            return String(authorization.dropFirst(scheme.count))
        }
        return APIGatewayEventBuilder.queryParameters(query)?[Self.tokenParameter]
    }

    /// The host of a `Host` header value, lower-cased, without its port or a final dot: `[::1]:3000` is `[::1]`.
    /// `nil` when what follows the host is anything but a port (`:` and digits), as in `[::1]evil.example` or
    /// `localhost:x@evil.example`: such a header names no host of ours.
    static func hostName(_ header: String) -> String? {
        let host: Substring
        let rest: Substring
        if header.hasPrefix("["), let end = header.firstIndex(of: "]") {
            host = header[...end]
            rest = header[header.index(after: end)...]
        } else if let colon = header.firstIndex(of: ":") {
            host = header[..<colon]
            rest = header[colon...]
        } else {
            host = header[...]
            rest = ""
        }
        guard
            rest.isEmpty
                || (rest.count > 1 && rest.first == ":" && rest.dropFirst().allSatisfy { $0.isASCII && $0.isNumber })
        else { return nil }
        return Self.normalized(String(host))
    }

    /// `name` as ``allowedHosts`` holds it: lower-cased, without a final dot, an IPv6 address in brackets.
    private static func normalized(_ name: String) -> String {
        var name = name.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        if name.contains(":"), !name.hasPrefix("[") { name = "[\(name)]" }
        return name
    }
}
