extension JSONValue {
    /// `value` as a JSON value, built straight from its encoding (no JSON text is written and read back): the value
    /// that reading ``StreamingJSONEncoder``'s text of it would give, with dictionaries and objects keyed the same.
    /// Values the streaming encoder leaves to Foundation's (dates, data, containers nested by hand) are encoded by
    /// Foundation and read.
    /// - Throws: `EncodingError` when `value` does not encode (a non-finite number, an error of its own).
    public init(encoding value: some Encodable) throws {
        if let built = try StreamingJSONEncoder.stream(value, into: JSONValueBuilder())?.result {
            self = built
        } else if let parsed = JSONValue(parsing: try StreamingJSONEncoder.foundationEncoded(value)) {
            self = parsed
        } else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: [], debugDescription: "Foundation's encoding of the value is not JSON"))
        }
    }
}
