extension AWSServiceDescription {
    /// Amazon EventBridge: `awsJson1_1`, operations under `AWSEvents`.
    public static let eventBridge = AWSServiceDescription(
        serviceID: "EventBridge", endpointPrefix: "events", signingName: "events", targetPrefix: "AWSEvents",
        jsonVersion: .v1_1)
}
