import Cloud

/// The two STS actions the credential chain needs, in STS's query protocol: `AssumeRoleWithWebIdentity` (unsigned;
/// the token is the proof) and `AssumeRole` (signed with the source profile's credentials).
///
/// It goes through the credential sources' client, over HTTPS to the regional endpoint or plain HTTP where
/// `AWS_ENDPOINT_URL_STS` or `AWS_ENDPOINT_URL` names an `http://` endpoint (a local emulator).
struct STSClient: Sendable {
    /// The API version the actions are called in.
    static let apiVersion = "2011-06-15"

    let endpoint: HTTPURL
    let region: String
    private let client: CredentialHTTPClient
    private let clock: any Clock

    /// A client for the STS endpoint `environment` resolves, in the region it resolves (``AWSRegionResolver``, else
    /// `us-east-1`), giving up on a call after `timeout`.
    init(environment: AWSEnvironment, clock: any Clock, timeout: Duration) throws {
        let region = AWSRegionResolver.region(environment: environment) ?? "us-east-1"
        let endpoint = AWSEndpointResolver.endpoint(
            serviceID: "STS", endpointPrefix: "sts", region: region, environment: environment)
        guard let url = HTTPURL(endpoint) else {
            throw AWSCredentialsError(.invalidConfiguration, "The STS endpoint \(endpoint) is not an HTTP(S) URL")
        }
        self.endpoint = url
        self.region = region
        self.clock = clock
        self.client = CredentialHTTPClient(timeout: timeout)
    }

    /// Exchanges a web identity token (an OIDC JWT) for the role's credentials; a session without a name is named
    /// `stratus-` and the time in milliseconds.
    func assumeRoleWithWebIdentity(roleARN: String, sessionName: String?, token: String) async throws -> AWSCredentials
    {
        try await self.call(
            "AssumeRoleWithWebIdentity",
            [("RoleArn", roleARN), ("RoleSessionName", self.sessionName(sessionName)), ("WebIdentityToken", token)],
            signedWith: nil)
    }

    /// Assumes `roleARN` with `credentials`, naming the session as ``assumeRoleWithWebIdentity(roleARN:sessionName:token:)`` does.
    func assumeRole(
        roleARN: String, sessionName: String?, externalID: String?, credentials: AWSCredentials
    ) async throws -> AWSCredentials {
        var parameters = [("RoleArn", roleARN), ("RoleSessionName", self.sessionName(sessionName))]
        if let externalID { parameters.append(("ExternalId", externalID)) }
        return try await self.call("AssumeRole", parameters, signedWith: credentials)
    }

    private func sessionName(_ configured: String?) -> String {
        configured ?? "stratus-\(self.clock.nowMilliseconds)"
    }

    private func call(
        _ action: String, _ parameters: [(String, String)], signedWith credentials: AWSCredentials?
    ) async throws -> AWSCredentials {
        let form = ([("Action", action), ("Version", Self.apiVersion)] + parameters)
            .map { "\($0.0)=\(URIEncoding.encode($0.1))" }.joined(separator: "&")
        var request = SigV4Request(
            method: "POST", path: self.endpoint.target,
            headers: [
                .init("Host", self.endpoint.hostHeader),
                .init("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            ],
            body: Array(form.utf8))
        if let credentials {
            SigV4Signer(credentials: credentials, region: self.region, service: "sts")
                .signHeaders(&request, at: AWSTimestamp(milliseconds: self.clock.nowMilliseconds))
        }
        let headers = request.headers.filter { $0.name.lowercased() != "host" }.map { ($0.name, $0.value) }
        let response = try await self.client.send(
            "POST", to: self.endpoint, headers: headers, body: request.body, source: "STS")
        return try STSCredentialsResponse.parse(response.text, status: response.status, action: action)
    }
}
