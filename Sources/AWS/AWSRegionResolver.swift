/// The region to call, as the SDKs find it: `AWS_REGION` (which Lambda sets), then `AWS_DEFAULT_REGION`, then the
/// selected profile's `region`.
public enum AWSRegionResolver {
    /// The region, or `nil` when none of the three names one; `profiles` is read only when the environment names
    /// none (on Lambda it never needs to be).
    public static func region(environment: AWSEnvironment, profiles: @autoclosure () -> ProfileFiles) -> String? {
        environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"]
            ?? profiles().profiles[ProfileFiles.selectedProfile(environment: environment)]?["region"]
    }

    /// The region, the profile files read only when the environment names none; a file that cannot be read names no
    /// region (the credential chain reports its problem when it reads it).
    public static func region(environment: AWSEnvironment) -> String? {
        Self.region(
            environment: environment,
            profiles: (try? ProfileFiles.load(environment: environment)) ?? ProfileFiles(config: "", credentials: ""))
    }
}
