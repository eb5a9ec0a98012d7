import FoundationEssentials
import LambdaEvents

extension JSONValue {
    /// `value` as JSON, for logging or tracing it; `nil` when it does not encode.
    init?(encoding value: some Encodable) {
        guard let data = try? JSONEncoder().encode(value), let json = try? JSONDecoder().decode(JSONValue.self, from: data) else { return nil }
        self = json
    }
}
