import JSONCoding

/// The JSON document the container endpoint, the instance metadata service and `credential_process` answer with:
/// `AccessKeyId`, `SecretAccessKey`, `Token` (or `SessionToken`) and `Expiration` in ISO 8601.
enum CredentialDocument {
    /// The largest document accepted.
    static let maximumByteCount = 64 * 1024

    /// The credentials in `bytes`; `source` names where they came from in the error.
    static func parse(_ bytes: [UInt8], source: String) throws -> AWSCredentials {
        guard bytes.count <= Self.maximumByteCount, let document = JSONValue(parsing: bytes),
            let accessKeyID = document["AccessKeyId"]?.stringValue, !accessKeyID.isEmpty,
            let secret = document["SecretAccessKey"]?.stringValue, !secret.isEmpty
        else {
            throw AWSCredentialsError(
                .invalidResponse, "\(source) did not answer with a credentials document (AccessKeyId, SecretAccessKey)")
        }
        var expiration: Int64?
        if let text = document["Expiration"]?.stringValue {
            guard let timestamp = AWSTimestamp(iso8601: text) else {
                throw AWSCredentialsError(.invalidResponse, "\(source) gave an Expiration that is not ISO 8601")
            }
            expiration = timestamp.milliseconds
        }
        let token = document["Token"]?.stringValue ?? document["SessionToken"]?.stringValue
        return AWSCredentials(
            accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: token, expirationMilliseconds: expiration)
    }
}
