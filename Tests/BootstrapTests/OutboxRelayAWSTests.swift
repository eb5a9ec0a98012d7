import AWS
import App
import Cloud
import Foundation
import JSONCoding
import LambdaEvents
import LambdaRuntime
import LocalCloud
import NIOCore
import Services
import StratusTesting
import Testing

/// The outbox relay on the AWS adapters, against moto: outbox events written through the DynamoDB store are read
/// back from the table's stream as Lambda would hand them over, relayed with the ports `CloudPorts.aws` builds from
/// the template's variables, and arrive through an EventBridge rule on an SQS queue.
@Suite("Outbox relay on the AWS adapters", .serialized)
struct OutboxRelayAWSTests {
    @Test func outboxEventsFromTheTablesStreamReachEventBridgeWithTheirIDsAndLeaveTheOutbox() async throws {
        guard let rig = try await RelayRig.start() else { return }
        defer { rig.moto.stop() }
        let events = try await rig.placeOrders(["e-1", "e-2"])
        let batch = try await rig.streamRecords()
        #expect(batch.records.map(\.eventName) == [.insert, .insert, .insert, .insert])

        let ports = rig.ports
        let relay = OutboxStreamRelay(store: ports.store, bus: ports.bus, busName: ports.appBus)
        let response = try await relay.handle(batch, context: .test(function: "outbox-relay"))

        #expect(response.batchItemFailures.isEmpty)
        let delivered = try await rig.delivered(2)
        #expect(delivered.compactMap { $0["detail"]?.outboxEventID }.sorted() == ["e-1", "e-2"])
        #expect(delivered.compactMap { $0["detail"]?["orderId"]?.stringValue }.sorted() == ["o-e-1", "o-e-2"])
        #expect(delivered.allSatisfy { $0["source"] == "stratus.orders" && $0["detail-type"] == "OrderCreated" })
        #expect(delivered.allSatisfy { $0["time"] == "2026-11-23T21:36:49Z" })
        // EventBridge named the events itself: only the detail still carries the outbox's IDs.
        #expect(delivered.allSatisfy { $0["id"] != $0["detail"]?["eventId"] })
        try await rig.expectOutboxEmptyAndOrdersKept(events)
    }

    /// The manifest's `outbox-relay` in the real `bootstrap` binary: its ports come from the variables the template
    /// sets, and it takes the stream batch as Lambda sends it.
    @Test func theBootstrapsOutboxRelayPublishesWithThePortsItsEnvironmentNames() async throws {
        guard let rig = try await RelayRig.start() else { return }
        defer { rig.moto.stop() }
        let events = try await rig.placeOrders(["e-1"])
        let batch = String(decoding: try JSONEncoder().encode(try await rig.streamRecords()), as: UTF8.self)
        let relay = try #require(ReferenceApp.manifest.function(named: "outbox-relay"))

        try await withProcessInstance(
            executable: TestEnvironment.bootstrap, function: relay, environment: rig.variables
        ) { instance in
            let response = try await instance.invoke(InvocationRequest(event: ByteBuffer(string: batch)))
                .responseJSON()
            #expect((response["batchItemFailures"] as? [Any])?.isEmpty == true)
        }

        let delivered = try await rig.delivered(1)
        #expect(delivered.compactMap { $0["detail"]?.outboxEventID } == ["e-1"])
        try await rig.expectOutboxEmptyAndOrdersKept(events)
    }
}

/// moto with what the template would make: the table with a stream of new images, and the app bus with a rule
/// sending the orders' events to the queue `relayed`; the variables name them as the template does.
private struct RelayRig {
    static let table = "stratus-relay"
    static let bus = "stratus-app"
    static let queue = "relayed"

    let moto: MotoServer
    let variables: [String: String]
    let ports: CloudPorts
    let store: DynamoDBItemStore
    let dynamoDB: AWSJSONClient
    let stream: DynamoDBStreamReader
    let queues: SQSQueue

    /// The rig on a new moto server, `nil` when moto is not installed and this is not CI.
    static func start() async throws -> RelayRig? {
        guard let moto = try await MotoServer.start() else { return nil }
        do {
            return try await RelayRig(moto: moto)
        } catch {
            moto.stop()
            throw error
        }
    }

    private init(moto: MotoServer) async throws {
        self.moto = moto
        var variables = moto.environment
        variables["HOME"] = "/nonexistent"
        variables[AWSPortsConfiguration.tableNameVariable] = Self.table
        variables[AWSPortsConfiguration.eventBusNameVariable] = Self.bus
        self.variables = variables
        let environment = AWSEnvironment(variables)
        self.ports = CloudPorts.aws(environment: environment)
        self.store = try #require(self.ports.store as? DynamoDBItemStore)
        self.dynamoDB = try moto.client(.dynamoDB)
        self.stream = DynamoDBStreamReader(
            dynamoDB: self.dynamoDB, streams: try moto.client(.dynamoDBStreams), tableName: Self.table)
        self.queues = SQSQueue(client: try moto.client(.sqs))

        // The store makes its table with the stream of new images the relay reads.
        try await self.store.createTable(pollInterval: .milliseconds(100), attempts: 50)
        try await self.queues.createQueue(Self.queue)
        try await self.ports.bus.createEventBus(Self.bus)
        try await self.ports.bus.putRule(
            EventRule(name: "orders", eventBusName: Self.bus, eventPattern: #"{"source": ["stratus.orders"]}"#))
        let refused = try await self.ports.bus.putTargets(
            [RuleTarget(id: Self.queue, destination: .queue(Self.queue))], rule: "orders", bus: Self.bus)
        try #require(refused.isEmpty)
    }

    /// Writes an order for each id, with its event, in one transaction as the orders service does; returns the
    /// events.
    func placeOrders(_ ids: [String]) async throws -> [OutboxEvent] {
        var events: [OutboxEvent] = []
        for id in ids {
            let event = try OutboxEvent(
                id: id, source: "stratus.orders", detailType: "OrderCreated", time: "2026-11-23T21:36:49.007Z",
                detail: ["orderId": "o-\(id)"])
            let order: Item = ["PK": .string("ORDER#o-\(id)"), "SK": "DETAILS"]
            try await self.store.transactWrite([.put(order), .put(event.item)])
            events.append(event)
        }
        return events
    }

    /// Every record of the table's stream so far, from each shard's oldest, as an event source mapping hands them
    /// to a function.
    func streamRecords() async throws -> DynamoDBStreamEvent {
        var records: [DynamoDBStreamEvent.Record] = []
        while true {
            let read = try await self.stream.read(upTo: DynamoDBStreamReader.maximumRecordsPerRead)
            if read.isEmpty { return DynamoDBStreamEvent(records: records) }
            records += read
        }
    }

    /// The first `count` events the rule delivered to the queue, as JSON.
    func delivered(_ count: Int) async throws -> [JSONValue] {
        var delivered: [JSONValue] = []
        try await eventually(timeout: .seconds(60), interval: .milliseconds(100)) {
            let messages = try await self.queues.receive(from: Self.queue, maxMessages: 10, waitTime: .seconds(1))
            delivered += messages.compactMap { JSONValue(parsing: Array($0.body.utf8)) }
            return delivered.count >= count
        }
        return delivered
    }

    /// The events' outbox items are gone; their orders are still there.
    func expectOutboxEmptyAndOrdersKept(_ events: [OutboxEvent]) async throws {
        for event in events {
            #expect(try await self.store.get(try #require(event.item.key)) == nil)
            #expect(try await self.store.get(ItemKey(partition: "ORDER#o-\(event.id)", sort: "DETAILS")) != nil)
        }
    }
}
