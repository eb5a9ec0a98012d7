import AWS
import App
import Cloud
import Foundation
import LambdaRuntime
import LocalCloud
import NIOCore
import Services
import StratusTesting
import Testing

/// The real `bootstrap` executable on the AWS adapters, against moto, as it runs on Lambda once the template has
/// set the table's name.
@Suite("bootstrap on the AWS adapters", .serialized)
struct BootstrapAWSPortsTests {
    @Test func healthChecksTheDynamoDBTableAndAnswers200() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        var variables = moto.environment
        variables[AWSPortsConfiguration.tableNameVariable] = "stratus-bootstrap"
        // The table, made through the store the same variables configure in the binary.
        let store = try #require(CloudPorts.aws(environment: AWSEnvironment(variables)).store as? DynamoDBItemStore)
        try await store.createTable(pollInterval: .milliseconds(100), attempts: 50)
        let health = try #require(ReferenceApp.manifest.function(named: "health"))
        let event = try ExampleEvents.text("health-apigateway")
        try await withProcessInstance(
            executable: TestEnvironment.bootstrap, function: health, environment: variables
        ) { instance in
            let response = try await instance.invoke(InvocationRequest(event: ByteBuffer(string: event)))
                .responseJSON()
            #expect(response["statusCode"] as? Int == 200)
            let body = try #require((response["body"] as? String)?.data(using: .utf8))
            let status = try JSONDecoder().decode(HealthStatus.self, from: body)
            #expect(status.status == "ok")
            #expect(status.checks == ["store": HealthStatus.passing])
        }
    }

    @Test func healthAnswers503WhenTheTableDoesNotExist() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        var variables = moto.environment
        variables[AWSPortsConfiguration.tableNameVariable] = "no-such-table"
        let health = try #require(ReferenceApp.manifest.function(named: "health"))
        try await withProcessInstance(
            executable: TestEnvironment.bootstrap, function: health, environment: variables
        ) { instance in
            let result = await instance.invoke(InvocationRequest(event: ByteBuffer(string: ExampleEvents.health)))
            let response = try result.responseJSON()
            #expect(response["statusCode"] as? Int == 503)
        }
    }
}
