import Cloud
import Foundation
import LambdaEvents
import LambdaRuntime
import LocalCloud
import Logging
import Middleware
import Observability
import Services
import StratusTesting
import Testing

/// The orders function traced and measured as `ReferenceApp` runs it: its subsegment with the store's calls in it,
/// the trace carried on in its outbox events, and its business metrics.
@Suite struct ObservedOrdersTests {
    static let root = "1-6b0f5ebc-891b82213344a78cc2a622a1"
    static let lambdaSegment = "0123456789abcdef"

    struct Setup {
        let fixture: OrdersFixture
        let emitted = CollectingSegmentEmitter()
        let lines = InMemoryLogSink()
        let metrics: EMFMetrics
        let handler: TracedHandler<OrdersAPI>

        init() throws {
            self.fixture = try OrdersFixture()
            let tracer = XRayTracer(emitter: self.emitted)
            self.metrics = EMFMetrics(
                configuration: MetricsConfiguration(environment: ["POWERTOOLS_SERVICE_NAME": "orders"]),
                sink: self.lines)
            let store = TracedItemStore(self.fixture.store, tracer: tracer, tableName: "stratus")
            self.handler = TracedHandler(
                OrdersAPI(store: store, metrics: self.metrics), tracer: tracer,
                configuration: TracerConfiguration(daemonAddress: nil, service: "orders")
            )
        }

        func create(traceHeader: String) async throws -> APIGatewayV2Response {
            let event = APIGatewayV2Request.test(
                "POST", "/orders", body: OrdersFixture.twoLines, claims: ["sub": "alice"],
                headers: ["idempotency-key": "order-1"]
            )
            let context = LambdaContext.test(traceID: traceHeader, function: "orders", isColdStart: true)
            return try await self.handler.handle(event, context: context)
        }

        /// The outbox items' trace headers.
        func outboxTraceHeaders() async throws -> [String] {
            var headers: [String] = []
            for shard in 0..<OutboxEvent.shardCount {
                headers += try await self.fixture.store.query(ItemQuery(partition: "OUTBOX#\(shard)")).items
                    .compactMap { $0.string(OutboxEvent.traceHeaderAttribute) }
            }
            return headers
        }
    }

    @Test func aSampledCreationIsOneSubsegmentWithTheStoreCallsInItAndItsEventCarriesTheTrace() async throws {
        let setup = try Setup()
        let response = try await setup.create(traceHeader: "Root=\(Self.root);Parent=\(Self.lambdaSegment);Sampled=1")
        #expect(response.statusCode == 201)

        let handler = try #require(setup.emitted.emitted.only)
        #expect(handler.name == "## orders" && handler.type == "subsegment")
        #expect(handler.traceID == Self.root && handler.parentID == Self.lambdaSegment)
        #expect(handler.annotations == ["ColdStart": .bool(true), "Service": .string("orders")])
        #expect(handler.metadata?["orders"]?["## orders response"]?["statusCode"] == .integer(201))
        let calls = try #require(handler.subsegments)
        #expect(calls.map { $0.aws?["operation"]?.stringValue } == ["PutItem", "TransactWriteItems", "PutItem"])
        #expect(
            calls.allSatisfy {
                $0.name == "DynamoDB" && $0.namespace == "aws" && $0.aws?["table_name"] == .string("stratus")
            })

        let header = try #require(await setup.outboxTraceHeaders().only.flatMap(XRayTraceHeader.init))
        #expect(header == XRayTraceHeader(root: Self.root, parent: handler.id, sampled: true))
    }

    @Test func anUnsampledCreationRecordsNothingAndItsEventCarriesTheHandedOverTrace() async throws {
        let setup = try Setup()
        let handed = "Root=\(Self.root);Parent=\(Self.lambdaSegment);Sampled=0"
        #expect(try await setup.create(traceHeader: handed).statusCode == 201)
        #expect(setup.emitted.emitted.isEmpty)
        #expect(try await setup.outboxTraceHeaders() == [handed])
    }

    @Test func aCreationCountsAnOrderAndItsValueByCurrency() async throws {
        let setup = try Setup()
        _ = try await setup.create(traceHeader: "Root=\(Self.root);Sampled=0")
        setup.metrics.flush()
        let documents = try setup.lines.lines.map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
        let created = try #require(documents.first { $0["OrderCreated"] != nil })
        #expect(created["OrderCreated"] == .integer(1) || created["OrderCreated"] == .number(1))
        let value = try #require(documents.first { $0["OrderValue"] != nil })
        #expect(value["OrderValue"] == .integer(8498) || value["OrderValue"] == .number(8498))
        #expect(value["currency"] == .string("EUR"))
        #expect(value["service"] == .string("orders"))
    }

    @Test func aFailingStoreCallIsAFaultWithItsCause() async throws {
        let emitted = CollectingSegmentEmitter()
        let tracer = XRayTracer(emitter: emitted)
        let store = TracedItemStore(
            UnavailableItemStore(reason: "the disk is gone"), tracer: tracer, tableName: "stratus")
        let handler = TracedHandler(
            OrdersAPI(store: store), tracer: tracer, configuration: TracerConfiguration(daemonAddress: nil))
        let event = APIGatewayV2Request.test("POST", "/orders", body: OrdersFixture.twoLines, claims: ["sub": "alice"])
        let context = LambdaContext.test(
            traceID: "Root=\(Self.root);Parent=\(Self.lambdaSegment);Sampled=1", function: "orders")
        _ = try? await handler.handle(event, context: context)
        let call = try #require(emitted.emitted.only?.subsegments?.first)
        #expect(call.fault == true && call.http?.response?.status == 503)
        #expect(call.cause?.exceptions.first?.message?.contains("the disk is gone") == true)
    }
}
