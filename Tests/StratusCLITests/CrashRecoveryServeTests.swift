import Foundation
import LocalCloud
import StratusTesting
import Synchronization
import Testing

/// `kill -9` of `stratus serve` in the middle of a stream of orders from eight clients, then a restart on the same
/// data: every order answered 201 gets exactly one `OrderCreated` notification and exactly one line in the
/// notification log, and no order is notified twice.
@Suite("stratus serve: a kill -9 in the middle of a stream of orders", .serialized)
struct CrashRecoveryServeTests {
    static let clients = 8
    static let orders = 500

    @Test(.timeLimit(.minutes(2))) func everyAnsweredOrderIsNotifiedExactlyOnceAfterAKill() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        let (process, url, _) = try await StratusServe.start(dataDirectory: data)
        let server = RestartedServer(process: process, url: url)
        defer { server.stop() }
        // What the killed worker held comes back in seconds rather than after the manifest's three minutes.
        try await ServedShopping.setVisibilityTimeout(of: "notifications", to: .seconds(2), dataDirectory: data)
        var tokens: [String] = []
        for client in 0..<Self.clients {
            tokens.append(try await ServedShopping.register("Client\(client)", at: url))
        }

        let killAfter = Int.random(in: 50...(Self.orders - 150))
        let answered = try await withThrowingTaskGroup(of: [String].self) { group in
            for (client, token) in tokens.enumerated() {
                let share = Self.orders / Self.clients + (client < Self.orders % Self.clients ? 1 : 0)
                group.addTask { try await Self.placeOrders(share, token: token, on: server) }
            }
            group.addTask {
                try await eventually(timeout: .seconds(60), interval: .milliseconds(5)) { server.answered >= killAfter }
                try await server.killAndRestart(dataDirectory: data)
                return []
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(server.restarts == 1, "the server was killed mid-stream")
        #expect(answered.count >= killAfter)

        let current = server.current.url
        let created = try await eventually(timeout: .seconds(40), interval: .milliseconds(250)) {
            () async throws -> [String]? in
            var bodies: [String] = []
            for token in tokens {
                bodies += try await ServedShopping.notifications(at: current, token: token)
                    .filter { $0["type"] as? String == "OrderCreated" }.compactMap { $0["body"] as? String }
            }
            return answered.allSatisfy { id in bodies.contains { $0.contains(id) } } ? bodies : nil
        }
        try await ServedShopping.waitUntilConsumed("notifications", dataDirectory: data)
        let log = try NotificationLog(path: data + "/notifications.log").entries()
        for id in answered {
            #expect(created.filter { $0.contains(id) }.count == 1, "order \(id): one notification")
            #expect(log.filter { $0.message.contains(id) }.count == 1, "order \(id): one line in the log")
        }
        #expect(Set(created).count == created.count, "no order, answered or cut off, is notified twice")
        #expect(created.count <= Self.orders)
        let keys = log.compactMap(\.key)
        #expect(keys.count == log.count && Set(keys).count == keys.count, "no message is logged twice")
        #expect(log.filter { $0.subject == "We have your order" }.count == created.count)
    }

    /// Places `count` orders one after another; the IDs of those answered 201. A request the kill cut off is not
    /// repeated (it may or may not have been saved): the client goes on with the next once the server is back.
    static func placeOrders(_ count: Int, token: String, on server: RestartedServer) async throws -> [String] {
        var placed: [String] = []
        for _ in 0..<count {
            let (url, generation) = server.current
            do {
                let (status, orderID) = try await ServedShopping.order(at: url, token: token)
                if status == 201, let orderID {
                    placed.append(orderID)
                    server.countAnswer()
                }
            } catch {
                try await eventually(timeout: .seconds(60), interval: .milliseconds(20)) {
                    server.current.generation > generation
                }
            }
        }
        return placed
    }
}

/// A `stratus serve` that a test kills with `SIGKILL` and starts again on the same data, and the count of orders
/// answered so far.
final class RestartedServer: Sendable {
    private struct State {
        var process: Process
        var url: URL
        var generation = 0
        var answered = 0
    }

    private let state: Mutex<State>

    init(process: Process, url: URL) {
        self.state = Mutex(State(process: process, url: url))
    }

    /// The server's URL now, and how many restarts it has had.
    var current: (url: URL, generation: Int) { self.state.withLock { ($0.url, $0.generation) } }
    /// The restarts so far.
    var restarts: Int { self.state.withLock { $0.generation } }
    /// The orders answered 201 so far.
    var answered: Int { self.state.withLock { $0.answered } }

    func countAnswer() {
        self.state.withLock { $0.answered += 1 }
    }

    /// Kills the process by its pid, with no chance to clean up, and starts a new one on `dataDirectory`.
    func killAndRestart(dataDirectory: String) async throws {
        let killed = self.state.withLock { $0.process }
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        let (process, url, _) = try await StratusServe.start(dataDirectory: dataDirectory)
        self.state.withLock { state in
            state.process = process
            state.url = url
            state.generation += 1
        }
    }

    /// Stops the running process, by its pid.
    func stop() {
        let process = self.state.withLock { $0.process }
        if process.isRunning { process.terminate() }
    }
}
