/// The shared `config` and `credentials` files (`~/.aws/config`, `~/.aws/credentials`, or `AWS_CONFIG_FILE` and
/// `AWS_SHARED_CREDENTIALS_FILE`), merged into one set of profiles: a key in `credentials` wins over the same key in
/// `config`.
public struct ProfileFiles: Sendable, Equatable {
    /// The largest file read.
    static let maximumFileByteCount = 1024 * 1024

    /// Each profile's settings by name; keys are lower-case.
    public let profiles: [String: [String: String]]

    /// Profiles from the two files' texts (either may be empty).
    public init(config: String, credentials: String) {
        var profiles = Self.parse(config, sectionsArePrefixed: true)
        for (name, settings) in Self.parse(credentials, sectionsArePrefixed: false) {
            profiles[name, default: [:]].merge(settings) { _, fromCredentials in fromCredentials }
        }
        self.profiles = profiles
    }

    /// The files `environment` points at (a missing file counts as empty).
    public static func load(environment: AWSEnvironment) throws -> ProfileFiles {
        let home = environment["HOME"] ?? POSIXFile.homeDirectory()
        let configPath = environment["AWS_CONFIG_FILE"] ?? "\(home)/.aws/config"
        let credentialsPath = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "\(home)/.aws/credentials"
        return ProfileFiles(config: try Self.read(configPath), credentials: try Self.read(credentialsPath))
    }

    /// The profile `AWS_PROFILE` names, else `default`.
    public static func selectedProfile(environment: AWSEnvironment) -> String {
        environment["AWS_PROFILE"] ?? "default"
    }

    private static func read(_ path: String) throws -> String {
        guard POSIXFile.exists(path) else { return "" }
        guard let text = POSIXFile.readText(path, limit: Self.maximumFileByteCount) else {
            throw AWSCredentialsError(.invalidConfiguration, "\(path) cannot be read as UTF-8 text of at most 1 MB")
        }
        return text
    }

    /// The INI dialect of the files: `[profile name]` sections in `config` (`[default]` and `[sso-session …]` too),
    /// `[name]` in `credentials`, `key = value` lines, `#` and `;` comments; indented lines continue a nested block and
    /// are skipped.
    private static func parse(_ text: String, sectionsArePrefixed: Bool) -> [String: [String: String]] {
        var profiles: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            if rawLine.first == " " || rawLine.first == "\t" { continue }
            let line = rawLine.trimmingWhitespace
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                current = Self.profileName(ofSection: line, prefixed: sectionsArePrefixed)
                if let current, profiles[current] == nil { profiles[current] = [:] }
                continue
            }
            guard let current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingWhitespace.lowercased()
            var value = line[line.index(after: equals)...].trimmingWhitespace
            if let comment = value.firstRange(ofText: " #") ?? value.firstRange(ofText: " ;") {
                value = value[..<comment.lowerBound].trimmingWhitespace
            }
            profiles[current, default: [:]][key] = value
        }
        return profiles
    }

    private static func profileName(ofSection line: String, prefixed: Bool) -> String? {
        guard let close = line.firstIndex(of: "]") else { return nil }
        let inside = line[line.index(after: line.startIndex)..<close].trimmingWhitespace
        guard prefixed else { return inside }
        if inside == "default" { return inside }
        guard inside.hasPrefix("profile ") else { return nil }
        return inside.dropFirst("profile ".count).trimmingWhitespace
    }
}
