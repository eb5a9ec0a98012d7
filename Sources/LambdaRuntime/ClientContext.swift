/// The client context a mobile SDK caller attached to the invocation (`Lambda-Runtime-Client-Context`).
public struct ClientContext: Codable, Sendable, Equatable {
    public var client: Client?
    public var custom: [String: String]?
    public var environment: [String: String]?

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
        public var installationID: String?
        public var appTitle: String?
        public var appVersionName: String?
        public var appVersionCode: String?
        public var appPackageName: String?

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
