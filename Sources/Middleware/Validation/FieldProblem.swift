/// One reason a request was refused, tied to the field it concerns (`items[2].quantity`).
public struct FieldProblem: Codable, Sendable, Hashable {
    /// The path of the field in the request body, e.g. `items[2].quantity`; empty for the body as a whole.
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }
}
