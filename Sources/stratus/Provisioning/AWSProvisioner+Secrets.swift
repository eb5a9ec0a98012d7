import AWS
import Cloud

extension AWSProvisioner {
    /// Finds or makes each secret, without a value; returns each secret's ARN by its name in the manifest.
    func provisionSecrets() async throws -> [String: AWSResources.Secret] {
        guard !self.plan.secrets.isEmpty else { return [:] }
        let client = try self.connection.client(.secretsManager)
        var recorded: [String: AWSResources.Secret] = [:]
        for planned in self.plan.secrets {
            let name = planned.physicalName
            let (arn, created) = try await self.step("secret", name) { () async throws(AWSServiceError) in
                do throws(AWSServiceError) {
                    let described = try await client.call("DescribeSecret", ["SecretId": .string(name)])
                    return (described["ARN"]?.stringValue, false)
                } catch  where error.code == "ResourceNotFoundException" {
                    let made = try await client.call("CreateSecret", ["Name": .string(name)])
                    return (made["ARN"]?.stringValue, true)
                }
            }
            self.reportOutcome(created: created, "secret", name)
            guard let arn else { throw CommandLineError("The endpoint answered without the ARN of the secret \(name)") }
            recorded[planned.name] = AWSResources.Secret(name: name, arn: arn)
        }
        return recorded
    }
}
