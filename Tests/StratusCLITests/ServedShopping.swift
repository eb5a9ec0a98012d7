import Foundation
import LocalCloud
import StratusTesting
import Testing

@testable import stratus

/// What the end-to-end tests of the event backbone do through a running `stratus serve`, on either backend: a
/// customer registers and orders, reads their notifications, and the archive of the app bus is replayed.
enum ServedShopping {
    static let password = "Correct-Horse-42-staple"

    /// Registers alice at `url`, signs her in and places one order; her access token and the order's ID.
    static func registerAndOrder(at url: URL) async throws -> (token: String, orderID: String) {
        let token = try await Self.register("Alice", at: url)
        let (created, orderID) = try await Self.order(at: url, token: token)
        #expect(created == 201)
        return (token, try #require(orderID))
    }

    /// Registers `name` (as `<name>@example.com`, lowercased) at `url` and signs them in; their access token.
    static func register(_ name: String, at url: URL) async throws -> String {
        let email = "\(name.lowercased())@example.com"
        let (registered, _, _) = try await StratusServe.send(
            "POST", url.appending(path: "auth/register"), token: nil,
            body: #"{"email":"\#(email)","password":"\#(Self.password)","name":"\#(name)"}"#)
        #expect(registered == 201)
        let (_, login, _) = try await StratusServe.send(
            "POST", url.appending(path: "auth/login"), token: nil,
            body: #"{"email":"\#(email)","password":"\#(Self.password)"}"#)
        return try #require(login["accessToken"] as? String)
    }

    /// Places an order of two items with `token` and `headers`; the status and the new order's ID.
    static func order(at url: URL, token: String, headers: [String: String] = [:]) async throws -> (Int, String?) {
        let (status, order, _) = try await StratusServe.send(
            "POST", url.appending(path: "orders"), token: token,
            body: #"{"items":[{"sku":"A-1","quantity":2,"unitPrice":1250}],"currency":"EUR"}"#, headers: headers)
        return (status, order["orderId"] as? String)
    }

    /// The notifications of the owner of `token`, newest first (at most 100: one page).
    static func notifications(at url: URL, token: String) async throws -> [[String: Any]] {
        let (_, body, _) = try await StratusServe.send(
            "GET",
            url.appending(path: "notifications").appending(queryItems: [URLQueryItem(name: "limit", value: "100")]),
            token: token)
        return body["notifications"] as? [[String: Any]] ?? []
    }

    /// Runs `stratus events replay` over the whole of `app-archive` on `served`'s backend, and checks that it
    /// succeeded: locally it sends the archive's `events` events to the app bus; EventBridge starts a replay, which
    /// moto completes before it answers.
    static func replayArchive(of served: ServedSystem, events: Int) async throws {
        let replay = try await served.command(
            [
                "events", "replay", "--archive", "app-archive", "--from", "2000-01-01T00:00:00Z", "--to",
                "2100-01-01T00:00:00Z",
            ], mergingErrors: false)
        #expect(replay.status == 0, "\(replay.errorText)")
        let reported =
            switch served.backend {
            case .local: ": \(events) events of app-archive sent to the bus app"
            case .aws: "app-archive started to the bus \(try #require(try served.resources.buses["app"]?.name))"
            }
        #expect(replay.outputText.contains(reported), "\(replay.outputText)")
    }
}
