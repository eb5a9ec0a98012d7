/// One reason a request body was refused, tied to the field it concerns (`items[2].quantity`): the `errors` of a 422
/// ``ProblemDetails``.
public struct FieldError: Codable, Sendable, Hashable {
    /// The path of the field in the request body, e.g. `items[2].quantity`; empty for the body as a whole.
    public var field: String
    /// What is wrong with the field, e.g. `must be between 1 and 1000`.
    public var reason: String

    /// The error `reason` for the field at `field`.
    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }
}
