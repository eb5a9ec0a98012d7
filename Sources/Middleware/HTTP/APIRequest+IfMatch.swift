extension APIRequest {
    /// The version `If-Match` names, for optimistic locking: `"3"` (an ETag this API gave out) or `3`.
    /// - Throws: 428 when the header is missing, 400 when it names no version.
    public func expectedVersion(of resource: String) throws(HTTPError) -> Int {
        guard let header = self.header("if-match") else {
            throw HTTPError(
                .preconditionRequired,
                detail: "Send If-Match with the \(resource)'s version (its ETag) to change it")
        }
        let text = header.utf8.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\"") }
        guard text.count <= 18, let version = Int(String(decoding: text, as: UTF8.self)), version > 0 else {
            throw .badRequest("If-Match must be the \(resource)'s version, such as \"3\"")
        }
        return version
    }
}
