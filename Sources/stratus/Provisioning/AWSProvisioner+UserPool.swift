import AWS
import Cloud

extension AWSProvisioner {
    /// Finds or makes the user pool, its app client and the plan's groups.
    func provisionUserPool() async throws -> AWSResources.UserPool {
        let name = self.plan.userPoolName
        let client = try self.connection.client(.cognitoIdentityProvider)
        let setup = CognitoUserPoolSetup(poolName: name, clientName: name)
        let (poolID, poolCreated) = try await self.step("user-pool", name) { () async throws(AWSServiceError) in
            if let found = try await setup.findPool(through: client) { return (found, false) }
            return (try await setup.createPool(through: client), true)
        }
        self.reportOutcome(created: poolCreated, "user-pool", name)
        let (clientID, clientCreated) = try await self.step("user-pool-client", name) {
            () async throws(AWSServiceError) in
            if let found = try await setup.findClient(poolID: poolID, through: client) { return (found, false) }
            return (try await setup.createClient(poolID: poolID, through: client), true)
        }
        self.reportOutcome(created: clientCreated, "user-pool-client", name)
        for group in self.plan.groups {
            let created = try await self.step("group", group) { () async throws(AWSServiceError) -> Bool in
                do throws(AWSServiceError) {
                    _ = try await client.call(
                        "CreateGroup", ["UserPoolId": .string(poolID), "GroupName": .string(group)])
                    return true
                } catch  where error.code == "GroupExistsException" {
                    return false
                }
            }
            self.reportOutcome(created: created, "group", group)
        }
        return AWSResources.UserPool(name: name, id: poolID, clientId: clientID, groups: self.plan.groups)
    }
}
