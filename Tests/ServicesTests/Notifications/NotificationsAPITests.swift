import Cloud
import Foundation
import Middleware
import Services
import StratusTesting
import Testing

@Suite("Notifications API")
struct NotificationsAPITests {
    /// Delivers `count` order updates for `user`, one a second, with IDs `<user>-1`, `<user>-2`, …
    static func notify(_ fixture: NotificationsFixture, _ user: String = "alice", count: Int) async throws {
        for index in 1...count {
            fixture.clock.advance(by: .seconds(1))
            _ = try await fixture.deliver([
                NotificationsFixture.statusChanged(id: "\(user)-\(index)", customer: user)
            ])
        }
    }

    @Test func theCallerSeesTheirOwnNotificationsNewestFirst() async throws {
        let fixture = try NotificationsFixture()
        try await Self.notify(fixture, "alice", count: 3)
        try await Self.notify(fixture, "bob", count: 2)
        let page = try await fixture.list()
        #expect(page.notifications.map(\.notificationId) == ["alice-3", "alice-2", "alice-1"])
        #expect(page.nextCursor == nil)
        #expect(page.notifications.allSatisfy { !$0.read && $0.readAt == nil })
        #expect(try await fixture.list(as: "bob").notifications.map(\.notificationId) == ["bob-2", "bob-1"])
    }

    @Test func pagesFollowTheCursorToTheEnd() async throws {
        let fixture = try NotificationsFixture()
        try await Self.notify(fixture, count: 5)
        var seen: [String] = []
        var query = ["limit": "2"]
        var pages = 0
        while true {
            let page = try await fixture.list(query: query)
            pages += 1
            #expect(page.notifications.count <= 2)
            seen += page.notifications.map(\.notificationId)
            guard let cursor = page.nextCursor else { break }
            query["cursor"] = cursor
        }
        #expect(seen == ["alice-5", "alice-4", "alice-3", "alice-2", "alice-1"])
        #expect(pages >= 3)
    }

    @Test func markingReadKeepsTheFirstTimeAndTheUnreadFilterLeavesItOut() async throws {
        let fixture = try NotificationsFixture()
        try await Self.notify(fixture, count: 3)
        let read = try await fixture.send("POST", "/notifications/alice-2/read")
        #expect(read.statusCode == 200)
        let notification = try JSONDecoder().decode(UserNotification.self, from: Data((read.body ?? "").utf8))
        #expect(notification.read && notification.readAt == "2026-11-23T21:36:52.007Z")

        fixture.clock.advance(by: .seconds(60))
        let again = try await fixture.send("POST", "/notifications/alice-2/read")
        #expect(try JSONDecoder().decode(UserNotification.self, from: Data((again.body ?? "").utf8)) == notification)

        let unread = try await fixture.list(query: ["unread": "true"])
        #expect(unread.notifications.map(\.notificationId) == ["alice-3", "alice-1"])
        let all = try await fixture.list(query: ["unread": "false"])
        #expect(all.notifications.map(\.read) == [false, true, false])
    }

    @Test func anotherUsersNotificationIs404AndStaysUnread() async throws {
        let fixture = try NotificationsFixture()
        try await Self.notify(fixture, "bob", count: 1)
        for id in ["bob-1", "nobody-9", "not%20an%20id", String(repeating: "a", count: 200)] {
            let response = try await fixture.send("POST", "/notifications/\(id)/read", as: "alice")
            #expect(response.statusCode == 404, "\(id)")
            #expect(response.headers?["content-type"] == "application/problem+json")
        }
        #expect(try await fixture.list(as: "bob").notifications.first?.read == false)
    }

    @Test func everyRouteNeedsAToken() async throws {
        let fixture = try NotificationsFixture()
        for (method, path) in [("GET", "/notifications"), ("POST", "/notifications/alice-1/read")] {
            let response = try await fixture.send(method, path, as: nil)
            #expect(response.statusCode == 401, "\(method) \(path)")
        }
    }

    @Test(arguments: [
        ["limit": "0"], ["limit": "101"], ["limit": "ten"], ["unread": "yes"], ["cursor": "not-a-cursor"],
    ])
    func badQueriesAre400(_ query: [String: String]) async throws {
        let fixture = try NotificationsFixture()
        try await Self.notify(fixture, count: 1)
        let response = try await fixture.send("GET", "/notifications", query: query)
        #expect(response.statusCode == 400)
        #expect(response.headers?["content-type"] == "application/problem+json")
    }

    @Test func aCursorFromAnotherUsersListingIsRefused() async throws {
        let fixture = try NotificationsFixture()
        try await Self.notify(fixture, "bob", count: 3)
        let bobs = try await fixture.list(as: "bob", query: ["limit": "1"])
        let cursor = try #require(bobs.nextCursor)
        let response = try await fixture.send("GET", "/notifications", as: "alice", query: ["cursor": cursor])
        #expect(response.statusCode == 400)
    }
}
