/// The endpoint a service's client talks to: `AWS_ENDPOINT_URL_<SERVICE_ID>` (the service id upper-cased with spaces
/// and hyphens made `_`, e.g. `AWS_ENDPOINT_URL_SECRETS_MANAGER`), else `AWS_ENDPOINT_URL`, else the service's regional
/// endpoint. `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` turns both variables off.
public enum AWSEndpointResolver {
    /// The endpoint of the service whose id is `serviceID` (`DynamoDB`, `Secrets Manager`) and whose endpoint prefix
    /// is `endpointPrefix` (`dynamodb`, `secretsmanager`) in `region`.
    public static func endpoint(
        serviceID: String, endpointPrefix: String, region: String, environment: AWSEnvironment
    ) -> String {
        if environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() != "true",
            let configured = environment["AWS_ENDPOINT_URL_\(Self.variableSuffix(serviceID: serviceID))"]
                ?? environment["AWS_ENDPOINT_URL"]
        {
            return configured
        }
        let domain = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return "https://\(endpointPrefix).\(region).\(domain)"
    }

    /// `serviceID` as the variable names spell it: upper case, spaces and hyphens as `_`.
    ///
    /// Service ids are ASCII, so the id is mapped byte by byte: upper-casing it as Unicode text and rebuilding it
    /// from `Character`s cost each client a cold start of about 27,000 instructions.
    public static func variableSuffix(serviceID: String) -> String {
        String(
            decoding: serviceID.utf8.map { byte in
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "-"): UInt8(ascii: "_")
                case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - (UInt8(ascii: "a") - UInt8(ascii: "A"))
                default: byte
                }
            }, as: UTF8.self)
    }
}
