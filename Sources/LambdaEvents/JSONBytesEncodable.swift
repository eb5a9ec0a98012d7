/// An output type that writes its own JSON text, the bytes `StreamingJSONEncoder` gives for its `Encodable`
/// conformance, without going through an `Encoder`: the runtime writes such outputs this way on every invocation, and
/// an HTTP route such response bodies (through `APIResponse`'s initializer for them, in Middleware).
public protocol JSONBytesEncodable: Encodable {
    /// The value as compact JSON text.
    var jsonBytes: [UInt8] { get }

    /// The same JSON as a tree, what reading ``jsonBytes`` back gives: what a trace captures of the value. By
    /// default it is read back from ``jsonBytes``; a type may make it directly. `nil` only if the text does not parse.
    var jsonValue: JSONValue? { get }
}

extension JSONBytesEncodable {
    /// ``jsonBytes`` read back as a tree.
    public var jsonValue: JSONValue? {
        JSONValue(parsing: self.jsonBytes)
    }
}
