/// The version of Stratus, reported in the Runtime API `User-Agent` and by the `health` function.
public enum StratusVersion {
    /// The version string, in semantic-versioning form.
    public static let current = "0.1.0"
}
