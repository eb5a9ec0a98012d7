/// The XML STS answers `AssumeRole` and `AssumeRoleWithWebIdentity` with (the query protocol): the credentials inside
/// `<Credentials>`, or an `<Error>` with its `<Code>` and `<Message>`.
enum STSCredentialsResponse {
    /// The credentials in `xml`, an answer with HTTP status `status`.
    static func parse(_ xml: String, status: Int, action: String) throws -> AWSCredentials {
        guard status == 200 else {
            let code = Self.text(of: "Code", in: xml[...]) ?? "HTTP \(status)"
            let message = Self.text(of: "Message", in: xml[...]).map { ": \($0)" } ?? ""
            throw AWSCredentialsError(.invalidResponse, "STS refused \(action) (\(code))\(message)")
        }
        guard let credentials = Self.element("Credentials", in: xml[...]),
            let accessKeyID = Self.text(of: "AccessKeyId", in: credentials),
            let secret = Self.text(of: "SecretAccessKey", in: credentials),
            let token = Self.text(of: "SessionToken", in: credentials),
            let expiration = Self.text(of: "Expiration", in: credentials).flatMap(AWSTimestamp.init(iso8601:))
        else {
            throw AWSCredentialsError(.invalidResponse, "STS answered \(action) without complete credentials")
        }
        return AWSCredentials(
            accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: token,
            expirationMilliseconds: expiration.milliseconds)
    }

    /// The content between the first `<name>` and the `</name>` after it.
    private static func element(_ name: String, in xml: Substring) -> Substring? {
        guard let open = xml.firstRange(ofText: "<\(name)>"),
            let close = xml[open.upperBound...].firstRange(ofText: "</\(name)>")
        else { return nil }
        return xml[open.upperBound..<close.lowerBound]
    }

    /// The text of the first element `name`, XML's five entities decoded (an `&` that starts none is kept).
    private static func text(of name: String, in xml: Substring) -> String? {
        guard let content = Self.element(name, in: xml) else { return nil }
        let trimmed = content.trimmingWhitespace
        var decoded = ""
        var rest = trimmed[...]
        while let ampersand = rest.firstIndex(of: "&") {
            decoded += rest[..<ampersand]
            rest = rest[ampersand...]
            if let (entity, character) = Self.entities.first(where: { rest.hasPrefix($0.0) }) {
                decoded.append(character)
                rest = rest.dropFirst(entity.count)
            } else {
                decoded.append("&")
                rest = rest.dropFirst()
            }
        }
        return decoded + rest
    }

    private static let entities: [(String, Character)] = [
        ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&"),
    ]
}
