import AWS
import Cloud

/// The ports of an app's provisioned AWS resources, as the CLI's `--backend aws` uses them: the queues by the
/// manifest's names, the table's store, EventBridge, the user pool and Secrets Manager.
struct AWSBackend {
    let resources: AWSResources
    let connection: AWSConnection

    /// The app's queues on SQS, named as the manifest names them.
    func queues() throws -> AppQueues {
        AppQueues(SQSQueue(client: try self.connection.client(.sqs)), physicalNames: self.resources.queueNames)
    }

    /// The store on the app's table.
    func store() throws -> DynamoDBItemStore {
        DynamoDBItemStore(client: try self.connection.client(.dynamoDB), tableName: self.resources.table.name)
    }

    /// The identity provider on the app's user pool.
    func identity() throws -> CognitoIdentityProvider {
        CognitoIdentityProvider(
            client: try self.connection.client(.cognitoIdentityProvider), userPoolID: self.resources.userPool.id,
            clientID: self.resources.userPool.clientId)
    }

    /// EventBridge, where the app's buses, rules and archives are.
    func bus() throws -> EventBridgeBus {
        EventBridgeBus(client: try self.connection.client(.eventBridge))
    }

    /// The provisioned name of the archive `manifest` calls `name` (`app-archive`); `name` itself when the
    /// manifest has no such archive (it may be the provisioned name already).
    func archiveName(_ name: String, in manifest: AppManifest) -> String {
        guard let bus = manifest.buses.first(where: { $0.archiveName == name }) else { return name }
        return self.resources.buses[bus.name]?.archive ?? name
    }

    /// The provisioned name of the rule the manifest calls `name`; `name` itself for a rule it does not record.
    func ruleName(_ name: String) -> String {
        self.resources.rules[name]?.name ?? name
    }

    /// Secrets Manager, where the app's secrets are.
    func secrets() throws -> SecretsManagerSecretStore {
        SecretsManagerSecretStore(client: try self.connection.client(.secretsManager))
    }

    /// The provisioned name of the secret the manifest calls `name`; `name` itself for a secret it does not record.
    func secretName(_ name: String) -> String {
        self.resources.secrets[name]?.name ?? name
    }
}
