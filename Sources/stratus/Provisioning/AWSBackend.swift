import AWS
import Cloud

/// The ports of an app's provisioned AWS resources, as the CLI's `--backend aws` uses them: the queues by the
/// manifest's names, the table's store, the bus and the user pool.
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
}
