extension AWSServiceDescription {
    /// AWS Secrets Manager: `awsJson1_1`, operations under `secretsmanager`.
    public static let secretsManager = AWSServiceDescription(
        serviceID: "Secrets Manager", endpointPrefix: "secretsmanager", signingName: "secretsmanager",
        targetPrefix: "secretsmanager", jsonVersion: .v1_1)
}
