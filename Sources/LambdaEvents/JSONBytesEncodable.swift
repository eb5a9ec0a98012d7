/// An output type that writes its own JSON text, the bytes `StreamingJSONEncoder` gives for its `Encodable`
/// conformance, without going through an `Encoder`: the runtime writes such outputs this way on every invocation, and
/// an HTTP route such response bodies (through `APIResponse`'s initializer for them, in Middleware).
public protocol JSONBytesEncodable: Encodable {
    /// The value as compact JSON text.
    var jsonBytes: [UInt8] { get }
}
