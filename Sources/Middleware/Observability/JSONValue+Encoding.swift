import Cloud
import LambdaEvents

extension JSONValue {
    /// `value` as JSON, for logging or tracing it; `nil` when it does not encode. Encoded and read back without
    /// Foundation, as a sampled invocation does it for its response.
    init?(encoding value: some Encodable) {
        guard let bytes = try? StreamingJSONEncoder().encode(value), let json = JSONValue(parsing: bytes) else { return nil }
        self = json
    }
}
