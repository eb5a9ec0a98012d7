/// How a service names the errors of input its model does not allow: a required member that is missing, and a member
/// of the wrong type or out of bounds. SQS answers `MissingParameter` and `InvalidParameterValue`; EventBridge
/// answers `ValidationException` to both.
public struct AWSInputFaults: Sendable, Hashable {
    /// A required member is missing.
    public let missing: AWSErrorShape
    /// A member has the wrong JSON type or a value out of bounds.
    public let invalid: AWSErrorShape

    /// Faults answered with `missing` and `invalid`.
    public init(missing: AWSErrorShape, invalid: AWSErrorShape) {
        self.missing = missing
        self.invalid = invalid
    }
}
