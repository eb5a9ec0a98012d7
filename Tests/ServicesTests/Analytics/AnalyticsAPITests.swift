import Foundation
import Middleware
import Services
import Testing

@Suite("Analytics API")
struct AnalyticsAPITests {
    static let range = ["from": "2026-11-23", "to": "2026-11-23"]

    @Test func onlyStaffSeeTheCounts() async throws {
        let fixture = AnalyticsFixture()
        #expect(try await fixture.get(Self.range, as: nil).statusCode == 401)
        #expect(try await fixture.get(Self.range, as: "alice", groups: "").statusCode == 403)
        #expect(try await fixture.get(Self.range, as: "alice", groups: "customers").statusCode == 403)
        #expect(try await fixture.get(Self.range, as: "sam", groups: "[customers staff]").statusCode == 200)
    }

    @Test(arguments: [
        [:], ["from": "2026-11-23"], ["to": "2026-11-23"],
        ["from": "2026-11-31", "to": "2026-12-01"], ["from": "2026-2-01", "to": "2026-12-01"],
        ["from": "2026-11-23T00:00:00Z", "to": "2026-11-24"], ["from": "２０２６-11-23", "to": "2026-11-24"],
        ["from": "2026-11-24", "to": "2026-11-23"], ["from": "2026-01-01", "to": "2026-04-03"],
    ])
    func badRangesAreRefusedWithAProblem(query: [String: String]) async throws {
        let response = try await AnalyticsFixture().get(query)
        #expect(response.statusCode == 400)
        #expect(response.headers?["content-type"] == "application/problem+json")
    }

    /// 92 days, leap day included, is the most one request may ask for.
    @Test func ninetyTwoDaysAreAnswered() async throws {
        let report = try await AnalyticsFixture().report(from: "2028-01-01", to: "2028-04-01")
        #expect(report.days.count == 92)
        #expect(report.days.map(\.date).contains("2028-02-29"))
        #expect(report.days.last?.date == "2028-04-01")
    }
}
