import AWS
import Cloud
import Foundation
import LocalCloud
import StratusTesting
import Testing

/// `CloudPorts.aws(environment:)`: which ports the environment configures, and that building them connects to
/// nothing until the first call.
@Suite struct AWSCloudPortsTests {
    static func environment(endpoint: String, table: String? = "stratus", bus: String? = nil) -> AWSEnvironment {
        var variables = [
            "AWS_ENDPOINT_URL": endpoint, "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing", "HOME": "/nonexistent",
        ]
        variables[AWSPortsConfiguration.tableNameVariable] = table
        variables[AWSPortsConfiguration.eventBusNameVariable] = bus
        return AWSEnvironment(variables)
    }

    @Test func buildingThePortsConnectsToNothingAndTheFirstStoreCallDoes() async throws {
        try await FakeHTTPServer.withServer(keepsConnections: true, FakeHTTPServer.always(200, "{}")) { server in
            let ports = CloudPorts.aws(environment: Self.environment(endpoint: server.baseURL))
            #expect(server.connectionCount == 0)
            #expect(try await ports.store.get(ItemKey(partition: "HEALTH", sort: "CHECK")) == nil)
            #expect(server.connectionCount == 1)
            let request = try #require(server.requests.first)
            #expect(request.headers["x-amz-target"] == "DynamoDB_20120810.GetItem")
            #expect(request.body.contains(#""TableName":"stratus""#))
        }
    }

    @Test func aStoreWhoseEndpointIsClosedIsBuiltAndItsFirstCallFailsAsUnavailable() async throws {
        let port = try await FakeHTTPServer.withServer(FakeHTTPServer.always(200, "{}")) { $0.port }
        let ports = CloudPorts.aws(environment: Self.environment(endpoint: "http://127.0.0.1:\(port)"))
        await #expect {
            try await ports.store.get(ItemKey(partition: "HEALTH", sort: "CHECK"))
        } throws: { error in
            guard case .unavailable = error as? ItemStoreError else { return false }
            return true
        }
    }

    @Test func withoutATableTheStoreSaysWhichVariableToSetAndSecretsStillWork() async throws {
        try await FakeHTTPServer.withServer(
            FakeHTTPServer.always(200, #"{"Name":"api-key","SecretString":"s3cret","VersionId":"v1"}"#)
        ) { server in
            let ports = CloudPorts.aws(environment: Self.environment(endpoint: server.baseURL, table: nil))
            await #expect(throws: ItemStoreError.unavailable("No DynamoDB table is configured: set STRATUS_TABLE_NAME"))
            {
                try await ports.store.get(ItemKey(partition: "HEALTH", sort: "CHECK"))
            }
            let secret = try await ports.secrets.secretValue("api-key")
            #expect(secret.payload == .string("s3cret"))
            #expect(server.requests.map { $0.headers["x-amz-target"] } == ["secretsmanager.GetSecretValue"])
        }
    }

    @Test func withoutAUserPoolTheIdentityProviderSaysWhichVariablesToSet() async throws {
        let ports = CloudPorts.aws(environment: Self.environment(endpoint: "http://127.0.0.1:9"))
        let reason = "No Cognito user pool is configured: set STRATUS_USER_POOL_ID and STRATUS_USER_POOL_CLIENT_ID"
        await #expect(throws: IdentityError.unavailable(reason)) {
            try await ports.identity.signIn(email: "ada@example.com", password: "Correct-horse-1")
        }
    }

    @Test func withoutAnEventBusTheBusSaysWhichVariableToSet() async throws {
        let ports = CloudPorts.aws(environment: Self.environment(endpoint: "http://127.0.0.1:9"))
        let reason = "No EventBridge bus is configured: set STRATUS_EVENT_BUS_NAME"
        await #expect(throws: EventBusError(.unavailable, reason)) {
            try await ports.bus.putEvents([PutEventsEntry(source: "stratus.orders", detailType: "T", detail: "{}")])
        }
    }

    /// The bus's variable makes the bus port EventBridge's, connected at its first call, and names the app's bus.
    @Test func theBusVariableMakesTheBusEventBridgesAndNamesTheAppsBus() async throws {
        let answer = #"{"FailedEntryCount":0,"Entries":[{"EventId":"eb-1"}]}"#
        try await FakeHTTPServer.withServer(keepsConnections: true, FakeHTTPServer.always(200, answer)) { server in
            let ports = CloudPorts.aws(environment: Self.environment(endpoint: server.baseURL, bus: "stratus-app"))
            #expect(server.connectionCount == 0)
            #expect(ports.appBus == "stratus-app")
            let result = try await ports.bus.putEvents([
                PutEventsEntry(source: "stratus.orders", detailType: "T", detail: "{}", eventBusName: ports.appBus)
            ])
            #expect(result.entries == [.accepted(eventID: "eb-1")])
            let request = try #require(server.requests.first)
            #expect(request.headers["x-amz-target"] == "AWSEvents.PutEvents")
            #expect(request.body.contains(#""EventBusName":"stratus-app""#))
        }
    }

    /// A blank template parameter sets a variable empty: that names no table and no pool, rather than one called "".
    @Test func emptyVariablesCountAsUnset() async throws {
        var variables = [
            "AWS_REGION": "us-east-1", "HOME": "/nonexistent", AWSPortsConfiguration.tableNameVariable: "",
            AWSPortsConfiguration.userPoolIDVariable: "", AWSPortsConfiguration.userPoolClientIDVariable: "client",
            AWSPortsConfiguration.eventBusNameVariable: "",
        ]
        var configuration = AWSPortsConfiguration(environment: AWSEnvironment(variables))
        #expect(configuration.tableName == nil && configuration.userPool == nil && configuration.eventBusName == nil)
        variables[AWSPortsConfiguration.userPoolIDVariable] = "us-east-1_pool"
        configuration = AWSPortsConfiguration(environment: AWSEnvironment(variables))
        #expect(configuration.userPool?.id == "us-east-1_pool" && configuration.userPool?.clientID == "client")
    }

    /// With the pool's variables, the identity port is Cognito's: an account signed up through it signs in at once
    /// and its access token names the pool's app client.
    @Test func theUserPoolsVariablesMakeTheIdentityProviderCognitos() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        let pool = try await MotoUserPool(moto)
        var variables = moto.environment
        variables[AWSPortsConfiguration.userPoolIDVariable] = pool.poolID
        variables[AWSPortsConfiguration.userPoolClientIDVariable] = pool.clientID
        variables["HOME"] = "/nonexistent"
        let ports = CloudPorts.aws(environment: AWSEnvironment(variables))
        let account = try await ports.identity.signUp(
            email: "ada@example.com", password: "Correct-horse-1", name: "Ada")
        let tokens = try await ports.identity.signIn(email: "ada@example.com", password: "Correct-horse-1")
        let authorizer = JWTAuthorizer(
            configuration: .init(issuer: pool.issuer, audiences: [pool.clientID]),
            keys: try JSONWebKeySet(json: Data(try await pool.jwks())))
        let jwt = try authorizer.authorize(
            authorization: "Bearer \(tokens.accessToken)", requiredScopes: [],
            nowSeconds: Int64(Date().timeIntervalSince1970))
        #expect(jwt.claims["sub"] == account.userID)
        await #expect(throws: IdentityError.self) {
            try await ports.identity.signIn(email: "ada@example.com", password: "Wrong-horse-1")
        }
    }

    @Test func withoutARegionEveryPortSaysSo() async throws {
        let ports = CloudPorts.aws(
            environment: AWSEnvironment([AWSPortsConfiguration.tableNameVariable: "stratus", "HOME": "/nonexistent"]))
        let reason = "No AWS region is configured: set AWS_REGION (Lambda sets it) or AWS_DEFAULT_REGION"
        await #expect(throws: ItemStoreError.unavailable(reason)) {
            try await ports.store.get(ItemKey(partition: "HEALTH", sort: "CHECK"))
        }
        await #expect(throws: SecretStoreError.self) { try await ports.secrets.secretValue("api-key") }
    }
}
