/// Why an event's JSON could not be read as its type by ``JSONValueDecodable``: not JSON at all, a required member
/// missing, or a member of the wrong JSON type.
public struct EventDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Code: Sendable, Equatable {
        /// The bytes are not one JSON value.
        case notJSON
        /// A required member is absent or `null`.
        case missingMember
        /// A member holds another JSON type than the event type declares.
        case wrongType
    }

    /// What kind of problem it is.
    public let code: Code
    /// The dotted path of the member at fault, e.g. `requestContext.http.method`; empty for the whole event.
    public let path: String

    /// Creates an error of kind `code` about the member at `path`.
    public init(_ code: Code, path: String) {
        self.code = code
        self.path = path
    }

    /// The problem in a sentence naming the member.
    public var description: String {
        switch self.code {
        case .notJSON: "The event is not a JSON value"
        case .missingMember: "The event has no value at \(self.path)"
        case .wrongType: "The event's value at \(self.path) has the wrong JSON type"
        }
    }
}
