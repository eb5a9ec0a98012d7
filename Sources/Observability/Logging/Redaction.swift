public import LambdaEvents

/// Cleans a JSON value (an event, a response, metadata) of what must not reach a log line or a trace, at any depth:
///
/// - the value of every key ``sensitiveKeys`` names becomes ``SensitiveKeys/redacted``;
/// - an HTTP `body` is read as the JSON it holds and cleaned in turn; a body that is not JSON (form-encoded,
///   base64, text) or is over ``maximumParsedBytes`` becomes `"[REDACTED: N bytes]"`, never kept as it came;
/// - any other string holding a JSON object or array is read and cleaned the same way (one over
///   ``maximumParsedBytes``, or one that opens like JSON but does not parse, is replaced, since what it hides cannot
///   be checked);
/// - a `rawQueryString` becomes its parameters, so that their names are checked too.
public struct Redaction: Sendable {
    /// The keys whose values are replaced.
    public let sensitiveKeys: SensitiveKeys

    /// The longest string read as JSON.
    public static let maximumParsedBytes = 65_536

    /// Creates a redaction of the given keys; the default set is ``SensitiveKeys/standard``.
    public init(sensitiveKeys: SensitiveKeys = SensitiveKeys()) {
        self.sensitiveKeys = sensitiveKeys
    }

    /// Secrets only (``SensitiveKeys/standard`` and ``SensitiveKeys/standardNames``): what log lines are cleaned of.
    public static let secrets = Redaction()

    /// Secrets and personal data: what a trace keeps of a captured response, error or request.
    ///
    /// A trace is read by whoever operates the system, to see the shape and outcome of an answer, not whom it was
    /// about. So besides secrets, the values of keys that hold personal data are replaced: any key containing
    /// `email`, `phone`, `address` or `birthdate` (`phoneNumber`, `emailAddress`, a whole postal `address` object),
    /// and the keys `name`, `givenName`, `familyName`, `nickname`. The keys themselves stay, so the trace still
    /// shows which fields an answer had.
    public static let traceMetadata = Redaction(
        sensitiveKeys: SensitiveKeys(
            adding: ["email", "phone", "address", "birthdate"], names: ["name", "givenName", "familyName", "nickname"]
        ))

    /// `value` cleaned.
    public func redacted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(var members):
            // Each value replaced where it sits: the keys stay, so none is hashed again.
            for index in members.indices {
                members.values[index] = self.redacted(members.values[index], named: members.keys[index])
            }
            return .object(members)
        case .array(let elements):
            return .array(elements.map(self.redacted))
        case .string(let text):
            guard Self.looksLikeJSON(text) else { return value }
            guard text.utf8.count <= Self.maximumParsedBytes else { return .string(Self.replacement(of: text)) }
            // A string that opens like JSON but does not parse (truncated, too deep, not quite JSON) cannot be checked.
            return JSONValue(parsing: Array(text.utf8)).map(self.redacted) ?? .string(Self.replacement(of: text))
        default:
            return value
        }
    }

    /// `query` (`a=1&token=x`) with the value of every sensitive parameter replaced, for a URL kept in a trace.
    public func redacted(query: String) -> String {
        query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
            return self.sensitiveKeys.isSensitive(String(name)) ? "\(name)=\(SensitiveKeys.redacted)" : String(pair)
        }.joined(separator: "&")
    }

    /// What replaces a body that cannot be checked: its size only.
    public static func replacement(of text: String) -> String {
        "[REDACTED: \(text.utf8.count) bytes]"
    }

    private func redacted(_ member: JSONValue, named key: String) -> JSONValue {
        if self.sensitiveKeys.isSensitive(key) { return .string(SensitiveKeys.redacted) }
        guard case .string(let text) = member, !text.isEmpty else { return self.redacted(member) }
        switch key {
        case "body":
            guard text.utf8.count <= Self.maximumParsedBytes, let body = JSONValue(parsing: Array(text.utf8)) else {
                return .string(Self.replacement(of: text))
            }
            return self.redacted(body)
        case "rawQueryString":
            return self.redacted(Self.parameters(ofQuery: text))
        default:
            return self.redacted(member)
        }
    }

    private static func looksLikeJSON(_ text: String) -> Bool {
        guard let first = text.utf8.first(where: { $0 > 0x20 }) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    private static func parameters(ofQuery query: String) -> JSONValue {
        var parameters: [String: JSONValue] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            parameters[String(parts[0])] = .string(parts.count > 1 ? String(parts[1]) : "")
        }
        return .object(parameters)
    }
}
