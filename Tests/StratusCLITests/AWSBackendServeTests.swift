import AWS
import Cloud
import Foundation
import JSONCoding
import LambdaEvents
import LocalCloud
import StratusTesting
import Testing

@testable import stratus

/// `stratus serve --backend aws` end to end against moto: `stratus provision` makes the manifest's resources, serve
/// runs the functions on them through the AWS adapters, and a client signs up, orders and is notified through the
/// table's stream, the outbox relay, EventBridge, SQS and the notifications worker. What only the aws backend has is
/// checked here; the end-to-end suites that run on both backends (``ServedSystem``) check the rest.
@Suite("stratus serve: --backend aws against moto", .serialized)
struct AWSBackendServeTests {
    @Test(.timeLimit(.minutes(3))) func anOrderIsNotifiedThroughTheStreamTheBusAndTheQueueOfTheEndpoint()
        async throws
    {
        guard let served = try await ServedSystem.start(.aws), let moto = served.moto else { return }
        defer { served.stop() }
        let url = served.url
        let resources = try served.resources
        #expect(
            served.banner.contains(
                "(backend aws at \(moto.endpoint): table \(resources.table.name), user pool "
                    + "\(resources.userPool.id), bus \(try #require(resources.buses["app"]?.name)))"),
            "\(served.banner)")
        #expect(!served.banner.contains("/_aws"), "the local queues and bus are not served")
        #expect(served.banner.contains("outbox-relay          table stream (batch 100)"), "\(served.banner)")

        let (unauthenticated, _, _) = try await StratusServe.send("GET", url.appending(path: "orders"), token: nil)
        #expect(unauthenticated == 401)
        let (token, orderID) = try await ServedShopping.registerAndOrder(at: url)
        let (read, order, _) = try await StratusServe.send(
            "GET", url.appending(path: "orders/\(orderID)"), token: token)
        #expect(read == 200)
        #expect(order["orderId"] as? String == orderID)
        #expect(order["total"] as? Int == 2500)

        // On the endpoint's table: the order is DynamoDB's, not a local store's.
        let store = DynamoDBItemStore(
            client: try moto.client(.dynamoDB), tableName: resources.table.name)
        #expect(try await store.get(ItemKey(partition: "ORDER#\(orderID)", sort: "DETAILS")) != nil)

        try await Self.waitForNotice(of: orderID, at: url, token: token)
        // The worker records a notification before it sends it: once the queue is empty, the sending is done too.
        try await served.waitUntilConsumed("notifications")
        // The notifier has no AWS adapter: the worker hands the order's email to the data folder's log.
        let log = NotificationLog(path: served.data + "/notifications.log")
        #expect(try log.entries().filter { $0.message.contains(orderID) }.count == 1)
    }

    /// A restart reads the table's stream on from the position the outbox relay's trigger saved: the events
    /// relayed before it are not published again (the app bus's archive holds each once), and the next order is
    /// notified.
    @Test(.timeLimit(.minutes(3))) func aRestartReadsTheStreamOnWithoutPublishingTheEventsAgain() async throws {
        // A receive the stopped server left waiting on moto can still take the next message, which then stays
        // invisible for the visibility timeout the queue had when that receive began (three minutes): shortened
        // before the first start, the message comes back to the new server in seconds.
        guard
            let served = try await ServedSystem.start(.aws, visibilityTimeouts: ["notifications": .seconds(2)]),
            let moto = served.moto
        else { return }
        defer { served.stop() }
        let (token, first) = try await ServedShopping.registerAndOrder(at: served.url)
        try await Self.waitForNotice(of: first, at: served.url, token: token)
        #expect(FileManager.default.fileExists(atPath: served.data + "/outbox-relay.stream-position.json"))

        try await served.restart()
        let (created, second) = try await ServedShopping.order(at: served.url, token: token)
        #expect(created == 201)
        try await Self.waitForNotice(of: try #require(second), at: served.url, token: token)
        let archive = try #require(try served.resources.buses["app"]?.archive)
        let described = try await moto.client(.eventBridge).call(
            "DescribeArchive", ["ArchiveName": .string(archive)])
        #expect(described["EventCount"] == 3, "UserRegistered and two OrderCreated, each once")
    }

    @Test func anEndpointWithoutThePoolsKeySetIsAClearErrorAndANonZeroExit() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        _ = try await Self.provision(on: moto, dataDirectory: data)
        moto.stop()
        let run = try await InvokeCommandTests.stratus(
            ["serve", "--backend", "aws", "--data-dir", data, "--port", "0", "--xray-port", "0"],
            environment: ProvisionCommandTests.environment(moto))
        #expect(run.status != 0)
        #expect(run.standardError.contains("Cannot fetch the user pool's key set"), "\(run.standardError)")
    }

    @Test func withoutARecordServeNamesStratusProvisionAndFails() async throws {
        let directory = try TemporaryDirectory()
        let run = try await InvokeCommandTests.stratus([
            "serve", "--backend", "aws", "--data-dir", directory.path("data"), "--port", "0", "--xray-port", "0",
        ])
        #expect(run.status != 0)
        #expect(run.standardError.contains("stratus provision"), "\(run.standardError)")
    }

    /// moto's EventBridge hands an SQS target the event without its `account` (its default input template leaves
    /// it out), where EventBridge sends the whole event; the consumers' ``EventBridgeEvent`` requires it. The other
    /// tests give the targets an input template that restores the whole event (``MotoEventTargets``).
    @Test func motoDeliversTheWholeEventToAQueueTarget() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        let directory = try TemporaryDirectory()
        let resources = try await Self.provision(on: moto, dataDirectory: directory.path("data"))
        let bus = try #require(resources.buses["app"])
        let queue = try #require(resources.queues["analytics"])
        let events = try moto.client(.eventBridge)
        _ = try await events.call(
            "PutEvents",
            [
                "Entries": [
                    [
                        "EventBusName": .string(bus.name), "Source": "stratus.orders", "DetailType": "OrderCreated",
                        "Detail": #"{"orderId": "o-1"}"#,
                    ]
                ]
            ])
        let queues = SQSQueue(client: try moto.client(.sqs))
        let delivered = try await eventually(timeout: .seconds(30), interval: .milliseconds(100)) {
            try await queues.receive(from: queue.name, maxMessages: 1, waitTime: .seconds(1)).first
        }
        let event = try #require(JSONValue(parsing: Array(delivered.body.utf8)))
        #expect(event["source"] == "stratus.orders")
        withKnownIssue("moto's default input template for SQS targets leaves out the event's account") {
            #expect(event["account"]?.stringValue == resources.accountId)
        }
    }

    /// Waits until the owner of `token` has the notification of the order `orderID`.
    static func waitForNotice(of orderID: String, at url: URL, token: String) async throws {
        try await eventually(timeout: .seconds(60), interval: .milliseconds(250)) {
            try await ServedShopping.notifications(at: url, token: token).contains {
                $0["type"] as? String == "OrderCreated" && ($0["body"] as? String)?.contains(orderID) == true
            }
        }
    }

    /// Runs `stratus provision` on `moto` into `dataDirectory`; what it recorded.
    static func provision(on moto: MotoServer, dataDirectory: String) async throws -> AWSResources {
        let run = try await InvokeCommandTests.stratus(
            ["provision", "--endpoint", moto.endpoint, "--data-dir", dataDirectory],
            environment: ProvisionCommandTests.environment(moto))
        try #require(run.status == 0, "\(run.standardError)")
        return try AWSResources.load(from: LocalDataDirectory(path: dataDirectory))
    }
}
