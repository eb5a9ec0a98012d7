/// A target that `PutTargets` or `RemoveTargets` could not add or remove; the others were.
public struct TargetFailure: Sendable, Hashable {
    /// The target's id.
    public var targetID: String
    /// EventBridge's error code, e.g. `ValidationException`.
    public var errorCode: String
    /// Why, in a sentence.
    public var errorMessage: String

    /// The failure of the target `targetID`.
    public init(targetID: String, errorCode: String, errorMessage: String) {
        self.targetID = targetID
        self.errorCode = errorCode
        self.errorMessage = errorMessage
    }
}
