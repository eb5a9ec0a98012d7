/// The client context a mobile SDK caller attached to the invocation (`Lambda-Runtime-Client-Context`).
public struct ClientContext: Codable, Sendable, Equatable {
    /// The app that made the call, as its mobile SDK describes it.
    public var client: Client?
    /// Custom values the calling app set.
    public var custom: [String: String]?
    /// Facts about the caller's environment the SDK reports, such as platform and locale (`env` in the JSON).
    public var environment: [String: String]?

    /// Creates a client context, e.g. for a test.
    public init(client: Client? = nil, custom: [String: String]? = nil, environment: [String: String]? = nil) {
        self.client = client
        self.custom = custom
        self.environment = environment
    }

    enum CodingKeys: String, CodingKey {
        case client, custom
        case environment = "env"
    }

    /// The calling application.
    public struct Client: Codable, Sendable, Equatable {
        /// The ID of this installation of the app.
        public var installationID: String?
        /// The app's display title.
        public var appTitle: String?
        /// The app's user-facing version, e.g. `1.4.2`.
        public var appVersionName: String?
        /// The app's build number.
        public var appVersionCode: String?
        /// The app's package or bundle identifier.
        public var appPackageName: String?

        /// Creates a description of the calling app; every field is optional, as the SDK may leave any out.
        public init(
            installationID: String? = nil,
            appTitle: String? = nil,
            appVersionName: String? = nil,
            appVersionCode: String? = nil,
            appPackageName: String? = nil
        ) {
            self.installationID = installationID
            self.appTitle = appTitle
            self.appVersionName = appVersionName
            self.appVersionCode = appVersionCode
            self.appPackageName = appPackageName
        }

        enum CodingKeys: String, CodingKey {
            case installationID = "installation_id"
            case appTitle = "app_title"
            case appVersionName = "app_version_name"
            case appVersionCode = "app_version_code"
            case appPackageName = "app_package_name"
        }
    }
}
