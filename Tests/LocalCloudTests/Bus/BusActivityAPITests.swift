import Cloud
import Foundation
import HTTPTypes
import LocalCloud
import StratusTesting
import Testing

/// `/_stratus/api/events`: what crossed a real local bus, with the rules each event matched, behind the admin token.
@Suite struct BusActivityAPITests {
    /// A bus with rules `orders` (source `orders`) and `paid` (detail-type `Paid`) and three events put on it, and
    /// the local cloud's routes serving its feed.
    struct Setup {
        let directory: TemporaryDirectory
        let bus: SQLiteEventBus
        let routes: LocalCloudRoutes

        init() async throws {
            self.directory = try TemporaryDirectory()
            self.bus = try SQLiteEventBus(path: self.directory.path("bus.sqlite"))
            try await self.bus.putRule(EventRule(name: "orders", eventPattern: #"{"source": ["orders"]}"#))
            try await self.bus.putRule(EventRule(name: "paid", eventPattern: #"{"detail-type": ["Paid"]}"#))
            for (source, type) in [("users", "Registered"), ("orders", "Placed"), ("orders", "Paid")] {
                _ = try await self.bus.putEvents([PutEventsEntry(source: source, detailType: type, detail: "{}")])
            }
            let telemetry = TelemetryAPI(
                recorder: try TelemetryAPITests.recorder(), functions: [], access: TelemetryAPITests.access)
            self.routes = LocalCloudRoutes(
                telemetryAPI: telemetry, busActivity: BusActivityAPI(feed: self.bus.activity))
        }

        func get(_ query: String, headers: HTTPFields = TelemetryAPITests.headers) async throws -> GatewayResponse {
            try await self.routes.answer(
                GatewayRequest(method: .get, path: BusActivityAPI.path, rawQueryString: query, headers: headers))
        }

        func page(_ query: String) async throws -> BusActivityAPI.Page {
            let response = try await self.get(query)
            #expect(response.status == .ok, "\(query)")
            return try JSONDecoder().decode(BusActivityAPI.Page.self, from: Data(response.body))
        }
    }

    @Test func eachEventComesWithTheRulesItMatchedAndTheSequenceToFollowFrom() async throws {
        let setup = try await Setup()
        let page = try await setup.page("")
        #expect(page.events.map(\.detailType) == ["Registered", "Placed", "Paid"])
        #expect(page.events.map(\.rules) == [[], ["orders"], ["orders", "paid"]])
        #expect(page.events.map(\.bus) == ["default", "default", "default"])
        #expect(page.events.allSatisfy { !$0.id.isEmpty && $0.time.hasSuffix("Z") && $0.replayName == nil })
        #expect(page.next == 3)

        let newest = try await setup.page("limit=1")
        #expect(newest.events.map(\.sequence) == [3])
        let rest = try await setup.page("after=1")
        #expect(rest.events.map(\.source) == ["orders", "orders"])
        let caughtUp = try await setup.page("after=3")
        #expect(caughtUp.events.isEmpty && caughtUp.next == 3, "nothing new: follow on from the same sequence")
        _ = try await setup.bus.putEvents([PutEventsEntry(source: "orders", detailType: "Shipped", detail: "{}")])
        #expect(try await setup.page("after=3").events.map(\.detailType) == ["Shipped"])
    }

    @Test func badParametersAreProblemsAndTheAdminTokenIsRequired() async throws {
        let setup = try await Setup()
        for query in ["limit=0", "limit=1001", "limit=ten", "after=-1", "after=x"] {
            let response = try await setup.get(query)
            #expect(response.status == .badRequest, "\(query)")
            let problem = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
            #expect(problem["status"] as? Int == 400 && problem["detail"] is String, "\(query)")
        }
        let anonymous = try await setup.get("", headers: [.hostHeader: "127.0.0.1:3000"])
        #expect(anonymous.status == .unauthorized)
        #expect(!String(decoding: anonymous.body, as: UTF8.self).contains("Registered"))
    }
}
