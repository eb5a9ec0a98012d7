/// Names EventBridge gives meaning to.
public enum EventBusNames {
    /// The bus every account has, which cannot be created or deleted.
    public static let `default` = "default"
}
