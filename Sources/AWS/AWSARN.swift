/// The fields of an Amazon Resource Name (`arn:partition:service:region:account:resource`) that callers read.
public enum AWSARN {
    /// The account of an ARN (its fifth field), if `arn` is one and names an account.
    public static func account(of arn: String) -> String? {
        let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", !fields[4].isEmpty else { return nil }
        return String(fields[4])
    }
}
