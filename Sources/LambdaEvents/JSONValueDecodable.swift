/// An event type that reads itself from a parsed ``JSONValue`` tree, the same value its `Decodable` conformance reads
/// from JSONDecoder, at a fraction of the cost: the runtime decodes such events this way on every invocation.
public protocol JSONValueDecodable: Decodable {
    /// Reads the event from `json`, with the same defaults for absent members as `init(from:)`.
    ///
    /// - Throws: ``EventDecodingError`` when a required member is missing or a member has the wrong JSON type.
    init(json: JSONValue) throws(EventDecodingError)

    /// Parses `bytes` as JSON and reads the event from it; an event may read its text without the tree, giving what
    /// ``init(json:)`` gives.
    ///
    /// - Throws: ``EventDecodingError/Code/notJSON`` when `bytes` is not one JSON value; otherwise as
    ///   ``init(json:)``.
    init(jsonBytes bytes: [UInt8]) throws(EventDecodingError)
}

extension JSONValueDecodable {
    /// Parses `bytes` as JSON into a tree and reads the event from it.
    ///
    /// - Throws: ``EventDecodingError/Code/notJSON`` when `bytes` is not one JSON value; otherwise as
    ///   ``init(json:)``.
    public init(jsonBytes bytes: [UInt8]) throws(EventDecodingError) {
        guard let value = JSONValue(parsing: bytes) else { throw EventDecodingError(.notJSON, path: "") }
        try self.init(json: value)
    }
}
