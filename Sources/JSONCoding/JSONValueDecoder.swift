/// Decodes `Decodable` values from JSON text without Foundation: the text is parsed into a ``JSONValue`` and the value
/// read from that tree, with the errors and coding paths Foundation's `JSONDecoder` reports under its default
/// strategies (`keyNotFound`, `valueNotFound` for a `null`, `typeMismatch`, `dataCorrupted` for text that is not
/// JSON or a number that does not fit its type).
///
/// Integers are exact up to `Int64`; a `UInt64` beyond `Int64.max` reads as a `Double` first, so only those exactly
/// representable as one decode.
public struct JSONValueDecoder: Sendable {
    /// How deeply arrays and objects may nest.
    public var maximumDepth: Int

    /// A decoder; it keeps no state between calls.
    public init(maximumDepth: Int = 128) {
        self.maximumDepth = maximumDepth
    }

    /// The value of type `type` that the JSON text `bytes` holds.
    /// - Throws: `DecodingError`; `dataCorrupted` with an empty coding path when `bytes` is not JSON.
    public func decode<Value: Decodable>(_ type: Value.Type, from bytes: some Sequence<UInt8>) throws -> Value {
        guard let tree = JSONValue(parsing: Array(bytes), maximumDepth: self.maximumDepth) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "The given data was not valid JSON."))
        }
        return try self.decode(type, from: tree)
    }

    /// The value of type `type` that `tree` holds.
    /// - Throws: `DecodingError`.
    public func decode<Value: Decodable>(_ type: Value.Type, from tree: JSONValue) throws -> Value {
        try JSONValueDecoding(root: tree).decodeValue(type)
    }
}
