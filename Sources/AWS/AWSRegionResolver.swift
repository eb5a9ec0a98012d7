/// The region to call, as the SDKs find it: `AWS_REGION` (which Lambda sets), then `AWS_DEFAULT_REGION`, then the
/// selected profile's `region`.
public enum AWSRegionResolver {
    /// The region, or `nil` when none of the three names one.
    public static func region(environment: AWSEnvironment, profiles: ProfileFiles) -> String? {
        environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"]
            ?? profiles.profiles[ProfileFiles.selectedProfile(environment: environment)]?["region"]
    }
}
