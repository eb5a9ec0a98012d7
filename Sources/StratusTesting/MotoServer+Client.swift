public import AWS

extension MotoServer {
    /// Our own client for `service` on this server, in `us-east-1`, signing with the server's test credentials:
    /// the way tests set up and inspect what moto holds, through the same client the adapters use.
    public func client(_ service: AWSServiceDescription, httpClient: AWSHTTPClient = AWSHTTPClient()) throws
        -> AWSJSONClient
    {
        let environment = AWSEnvironment(self.environment)
        return try AWSJSONClient(
            service: service, region: "us-east-1",
            credentials: EnvironmentCredentialProvider(environment: environment), environment: environment,
            httpClient: httpClient)
    }
}
