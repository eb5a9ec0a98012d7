/// Lambda's fixed limits that the runtime enforces itself.
public enum LambdaLimits {
    /// The largest response a synchronously invoked function may return: Lambda reports larger ones as
    /// `Function.ResponseSizeTooLarge` with this number of bytes.
    public static let maxResponseBytes = 6_291_556
    /// The largest event a synchronous invocation may carry.
    public static let maxEventBytes = 6_291_456
}
