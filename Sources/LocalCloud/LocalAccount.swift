/// The AWS account the local cloud pretends to be, in every ARN it makes up.
public enum LocalAccount {
    public static let id = "123456789012"
}
