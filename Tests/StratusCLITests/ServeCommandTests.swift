import Foundation
import StratusTesting
import Synchronization
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `stratus serve` as a user runs it: a process that prints its URL, answers over HTTP and stops on SIGTERM.
@Suite("stratus serve")
struct ServeCommandTests {
    @Test(.timeLimit(.minutes(1))) func servesTheFunctionsOverHTTPAndStopsCleanlyOnSIGTERM() async throws {
        let directory = try TemporaryDirectory()
        let (process, url, output) = try await StratusServe.start(dataDirectory: directory.path("data"))
        defer { if process.isRunning { process.terminate() } }

        let (body, response) = try await URLSession.shared.data(from: url.appendingPathComponent("health"))
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 200)
        #expect(http.value(forHTTPHeaderField: "apigw-requestid") != nil)
        let health = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(health["status"] as? String == "ok")
        #expect(health["checks"] as? [String: String] == ["store": "ok"])

        let (problem, missing) = try await URLSession.shared.data(from: url.appendingPathComponent("no-such-route"))
        #expect((missing as? HTTPURLResponse)?.statusCode == 404)
        #expect(String(decoding: problem, as: UTF8.self).contains(#""status":404"#))

        #expect(FileManager.default.fileExists(atPath: directory.path("data") + "/store.sqlite"))
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let rest = String(decoding: output.fileHandleForReading.readUntilEnd(), as: UTF8.self)
        #expect(rest.contains("Stratus local cloud stopped"))
    }

    @Test(.timeLimit(.minutes(1))) func ordersWorkEndToEndWithLocalTokensAndSurviveARestart() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        var (process, url, _) = try await StratusServe.start(dataDirectory: data)
        defer { if process.isRunning { process.terminate() } }
        let alice = try await StratusServe.token(
            ["--sub", "alice", "--email", "alice@example.com"], dataDirectory: data)
        let staff = try await StratusServe.token(["--sub", "sam", "--group", "staff"], dataDirectory: data)

        let (keysStatus, keys, _) = try await StratusServe.send(
            "GET", url.appendingPathComponent(".well-known/jwks.json"), token: nil)
        #expect(keysStatus == 200)
        #expect((keys["keys"] as? [[String: Any]])?.first?["alg"] as? String == "RS256")

        let order = #"{"items":[{"sku":"A-1","quantity":2,"unitPrice":1999}],"currency":"EUR"}"#
        let (created, body, createdResponse) = try await StratusServe.send(
            "POST", url.appendingPathComponent("orders"), token: alice, body: order)
        #expect(created == 201)
        let orderID = try #require(body["orderId"] as? String)
        #expect(createdResponse.value(forHTTPHeaderField: "location") == "/orders/\(orderID)")
        #expect(body["total"] as? Int == 3998)

        let (unauthorized, _, refusal) = try await StratusServe.send(
            "POST", url.appendingPathComponent("orders"), token: nil, body: order)
        #expect(unauthorized == 401)
        #expect(refusal.value(forHTTPHeaderField: "www-authenticate")?.hasPrefix("Bearer") == true)
        let (forged, _, _) = try await StratusServe.send(
            "GET", url.appendingPathComponent("orders"), token: alice + "x")
        #expect(forged == 401)

        let (moved, movedBody, _) = try await StratusServe.send(
            "PATCH", url.appendingPathComponent("orders/\(orderID)/status"), token: staff,
            body: #"{"status":"CONFIRMED"}"#, headers: ["if-match": "\"1\""])
        #expect(moved == 200)
        #expect(movedBody["status"] as? String == "CONFIRMED")

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        (process, url, _) = try await StratusServe.start(dataDirectory: data)
        let (listed, list, _) = try await StratusServe.send("GET", url.appendingPathComponent("orders"), token: alice)
        #expect(listed == 200)
        let orders = try #require(list["orders"] as? [[String: Any]])
        #expect(orders.map { $0["orderId"] as? String } == [orderID], "the order and its status survive a restart")
        #expect(orders.first?["status"] as? String == "CONFIRMED")
        let (stillValid, _, _) = try await StratusServe.send(
            "GET", url.appendingPathComponent("orders/\(orderID)"), token: alice)
        #expect(stillValid == 200, "the signing key survives a restart too")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    /// Creates orders from four clients at once, kills the server with SIGKILL in the middle, restarts it on the same
    /// data directory, and finds every order that was answered 201.
    @Test(.timeLimit(.minutes(1))) func noOrderAnswered201IsLostWhenTheServerIsKilled() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        var (process, url, _) = try await StratusServe.start(dataDirectory: data)
        defer { if process.isRunning { process.terminate() } }
        let token = try await StratusServe.token(["--sub", "alice"], dataDirectory: data)
        let order = #"{"items":[{"sku":"A-1","quantity":1,"unitPrice":100}],"currency":"EUR"}"#
        let killed = Flag()
        let answeredBeforeKill = Tally()
        let ordersURL = url.appendingPathComponent("orders")
        let serverID = process.processIdentifier
        let answered = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var created: [String] = []
                    while !killed.isSet {
                        guard
                            let (status, body, _) = try? await StratusServe.send(
                                "POST", ordersURL, token: token, body: order)
                        else { break }  // the server is gone
                        if status == 201, let id = body["orderId"] as? String {
                            created.append(id)
                            answeredBeforeKill.add()
                        }
                    }
                    return created
                }
            }
            group.addTask {
                // Killed in the middle of the writes, once enough were answered to make the check worth it.
                try await eventually(interval: .milliseconds(1)) { answeredBeforeKill.count >= 10 }
                kill(serverID, SIGKILL)
                killed.set()
                return []
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(answered.count >= 10, "enough orders were created before the kill")

        (process, url, _) = try await StratusServe.start(dataDirectory: data)
        var missing: [String] = []
        for id in answered {
            let (status, _, _) = try await StratusServe.send(
                "GET", url.appendingPathComponent("orders/\(id)"), token: token)
            if status != 200 { missing.append(id) }
        }
        #expect(missing.isEmpty, "orders answered 201 but lost: \(missing)")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    @Test func aBadPortIsAClearErrorAndANonZeroExit() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.stratus)
        process.arguments = ["serve", "--port", "70000"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        let message = String(decoding: errors.fileHandleForReading.readUntilEnd(), as: UTF8.self)
        #expect(message.contains("--port must be between 0 and 65535"))
    }

    /// Every option of `serve` that takes a value refuses a bad one with a line that names it, before anything starts.
    @Test(arguments: [
        (["--idle-timeout", "soon"], "--idle-timeout must be a span"),
        (["--idle-timeout", "0s"], "--idle-timeout must be a span"),
        (["--access-token-minutes", "4"], "--access-token-minutes must be between 5 and 1440"),
        (
            ["--access-token-minutes", "30", "--backend", "aws"],
            "--access-token-minutes sets the local identity provider's tokens; with --backend aws the user pool's"
        ),
        (["--endpoint", "http://127.0.0.1:5000"], "--endpoint needs --backend aws"),
        (["--max-event-deferral", "soon"], "--max-event-deferral must be a span from 0s to 10m"),
        (["--max-event-deferral", "11m"], "--max-event-deferral must be a span from 0s to 10m"),
        (["--max-event-deferral=-1s"], "--max-event-deferral must be a span from 0s to 10m"),
        (
            ["--max-event-deferral", "5s", "--backend", "aws"],
            "--max-event-deferral holds back the local outbox relay; with --backend aws"
        ),
        (["--admin-token", "short"], "--admin-token (or STRATUS_ADMIN_TOKEN) must be at least 16 characters"),
        (["--allowed-host", "my-laptop.local:3000"], "--allowed-host must be a host name"),
        (["--allowed-host", "http://my-laptop.local"], "--allowed-host must be a host name"),
        (["--allowed-host", "evil.example/x"], "--allowed-host must be a host name"),
        (["--allowed-host", ""], "--allowed-host must be a host name"),
    ])
    func aBadOptionIsAClearErrorAndANonZeroExit(arguments: [String], message: String) async throws {
        let directory = try TemporaryDirectory()
        let run = try await runToCompletion(
            TestEnvironment.stratus, ["serve", "--port", "0", "--data-dir", directory.path("data")] + arguments)
        #expect(run.status != 0)
        #expect(run.errorText.contains(message), "\(run.errorText)")
        #expect(
            !FileManager.default.fileExists(atPath: directory.path("data")), "nothing is created for a refused command")
    }
}

/// A one-way switch shared between tasks.
final class Flag: Sendable {
    private let value = Mutex(false)

    var isSet: Bool { self.value.withLock { $0 } }

    func set() {
        self.value.withLock { $0 = true }
    }
}

/// A count shared between tasks.
final class Tally: Sendable {
    private let value = Mutex(0)

    var count: Int { self.value.withLock { $0 } }

    func add() {
        self.value.withLock { $0 += 1 }
    }
}
