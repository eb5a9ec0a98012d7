import Foundation
import Services
import StratusTesting
import Testing

@Suite struct UsersAPITests {
    @Test func theOwnerReplacesTheProfileWithIfMatchAndEachChangeWritesItsEvent() async throws {
        let fixture = try AccountsFixture()
        let userID = try await fixture.register("ada@example.com")
        let current = try await fixture.users("GET", as: userID)
        #expect(current.headers?["etag"] == "\"1\"")
        #expect(try current.json()["email"] as? String == "ada@example.com")

        let body =
            #"{"name":"Ada Lovelace","phone":"+442071234567","address":{"line1":"12 St James's Square","city":"London","postalCode":"SW1Y 4JH","country":"GB"}}"#
        let updated = try await fixture.users("PUT", as: userID, body: body, headers: ["if-match": "\"1\""])
        #expect(updated.statusCode == 200)
        #expect(updated.headers?["etag"] == "\"2\"")
        let profile = try updated.json()
        #expect(profile["name"] as? String == "Ada Lovelace")
        #expect(profile["phone"] as? String == "+442071234567")
        #expect((profile["address"] as? [String: String])?["country"] == "GB")
        #expect(profile["email"] as? String == "ada@example.com", "the email is not the profile's to change")
        #expect(try await fixture.users("GET", as: userID).json()["version"] as? Int == 2)
        #expect(
            try await fixture.store.outboxEnvelopes().compactMap { $0["detail-type"] as? String }.sorted()
                == ["UserProfileUpdated", "UserRegistered"])

        let cleared = try await fixture.users("PUT", as: userID, body: #"{"name":"Ada"}"#, headers: ["if-match": "2"])
        #expect(cleared.statusCode == 200)
        #expect(try cleared.json()["phone"] == nil, "leaving a field out removes it")
    }

    @Test func aStaleOrMissingVersionAndBadFieldsAreRefused() async throws {
        let fixture = try AccountsFixture()
        let userID = try await fixture.register("ada@example.com")
        let missing = try await fixture.users("PUT", as: userID, body: #"{"name":"Ada"}"#)
        #expect(missing.statusCode == 428)
        let stale = try await fixture.users("PUT", as: userID, body: #"{"name":"Ada"}"#, headers: ["if-match": "\"7\""])
        #expect(stale.statusCode == 412)
        let garbage = try await fixture.users(
            "PUT", as: userID, body: #"{"name":"Ada"}"#, headers: ["if-match": "W/\"x\""])
        #expect(garbage.statusCode == 400)
        let invalid = try await fixture.users(
            "PUT", as: userID,
            body:
                #"{"name":"","phone":"0171 234 567","address":{"line1":"","city":"London","postalCode":"SW1","country":"gb"}}"#,
            headers: ["if-match": "\"1\""])
        #expect(invalid.statusCode == 422)
        let fields = (try invalid.json()["errors"] as? [[String: String]])?.compactMap { $0["field"] }
        #expect(fields == ["name", "phone", "address.line1", "address.country"])
        // Control characters (a terminal's escape sequences, NUL) have no place in a name or an address.
        let controls = try await fixture.users(
            "PUT", as: userID,
            body:
                #"{"name":"Eve\u001b]0;pwned\u0007","address":{"line1":"x\u001b[31m","city":"c\u0000","postalCode":"1\u0085","country":"GB"}}"#,
            headers: ["if-match": "\"1\""])
        #expect(controls.statusCode == 422)
        let controlFields = (try controls.json()["errors"] as? [[String: String]])?.compactMap { $0["field"] }
        #expect(controlFields == ["name", "address.line1", "address.city", "address.postalCode"])
        #expect(try await fixture.users("GET", as: userID).json()["version"] as? Int == 1, "nothing changed")
    }

    @Test func racingUpdatesOfOneVersionLetExactlyOneWin() async throws {
        let fixture = try AccountsFixture()
        let userID = try await fixture.register("ada@example.com")
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask {
                    try await fixture.users(
                        "PUT", as: userID, body: #"{"name":"Writer \#(index)"}"#, headers: ["if-match": "\"1\""]
                    ).statusCode
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 200 }.count == 1)
        #expect(statuses.filter { $0 == 412 }.count == 7)
    }

    @Test func someoneWithoutAProfileGets404AndWithoutATokenGets401() async throws {
        let fixture = try AccountsFixture()
        #expect(try await fixture.users("GET", as: "nobody").statusCode == 404)
        let anonymous = try await fixture.users.handle(.test("GET", "/users/me"), context: .test())
        #expect(anonymous.statusCode == 401)
    }
}
