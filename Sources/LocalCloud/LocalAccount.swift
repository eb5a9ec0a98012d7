/// The AWS account the local cloud pretends to be, in every ARN it makes up.
public enum LocalAccount {
    /// The 12-digit account ID, `123456789012`.
    public static let id = "123456789012"
}
