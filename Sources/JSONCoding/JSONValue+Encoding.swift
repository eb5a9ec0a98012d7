extension JSONValue {
    /// `value` as a JSON value, built straight from its encoding (no JSON text is written and read back): the value
    /// that reading ``StreamingJSONEncoder``'s text of it would give, with dictionaries and objects keyed the same.
    /// - Throws: `EncodingError` when `value` does not encode (a non-finite number, an error of its own).
    public init(encoding value: some Encodable) throws {
        if let built = try StreamingJSONEncoder.stream(value, into: JSONValueBuilder())?.result {
            self = built
        } else {
            self = try JSONTreeEncoder.encode(value)
        }
    }
}
