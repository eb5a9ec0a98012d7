import Foundation
import LocalCloud
import StratusTesting
import Synchronization
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Attacks on the store through `stratus serve`: another process holding SQLite's write lock must stall no reader
/// and no event loop, and a writer that cannot get the lock hears at once that it should retry.
@Suite("Store lock attacks")
struct StoreLockAttackTests {
    static let order = #"{"items":[{"sku":"A-1","quantity":1,"unitPrice":100}],"currency":"EUR"}"#

    /// One answer and whether the lock holder had begun to let go when it arrived.
    struct Answer: Sendable {
        var status: Int
        var retryAfter: String?
        var contentType: String?
        var problem: [String: String]
        var afterRelease: Bool
    }

    /// While another process holds the store's write lock (up to 30 s), four `POST /orders` are sent first, each on a
    /// connection of its own (so on both event loops), so that a writer waiting for the lock on an event loop would
    /// stall that loop; only then 100 `GET /health` and 100 `GET /orders/{id}`. Every read is answered 200 and every writer 503 with `Retry-After` before the holder
    /// is asked to let go: it never has to let go on its own.
    @Test(.timeLimit(.minutes(2))) func readsAreAnsweredAndWritersToldToRetryWhileAnotherProcessHoldsTheWriteLock()
        async throws
    {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        let (server, url, _) = try await StratusServe.start(dataDirectory: data)
        defer { if server.isRunning { server.terminate() } }
        let token = try await StratusServe.token(["--sub", "alice"], dataDirectory: data)
        let (created, body, _) = try await StratusServe.send(
            "POST", url.appendingPathComponent("orders"), token: token, body: Self.order)
        #expect(created == 201)
        let orderID = try #require(body["orderId"] as? String)
        let port = try #require(url.port)

        // Released as soon as every answer is in; the 30 s bound only matters on a machine too loaded to answer
        // 204 requests in a few seconds, where a shorter hold would end before the answers and fail the test.
        let holder = try await WriteLockHolder(path: data + "/store.sqlite", seconds: 30)
        let writers = try await RawTCPConnection.offThePool {
            try (0..<4).map { _ in try Self.sendOrder(port: port, token: token) }
        }
        let (writes, reads) = try await withThrowingTaskGroup(of: (write: Answer?, read: Answer?).self) { group in
            for writer in writers {
                group.addTask { (try await Self.answer(to: writer, holder: holder), nil) }
            }
            for path in Array(repeating: "health", count: 100) + Array(repeating: "orders/\(orderID)", count: 100) {
                group.addTask {
                    let (status, problem, response) = try await StratusServe.send(
                        "GET", url.appendingPathComponent(path), token: token)
                    let answer = Answer(
                        status: status, retryAfter: response.value(forHTTPHeaderField: "retry-after"),
                        contentType: response.value(forHTTPHeaderField: "content-type"),
                        problem: problem.compactMapValues { "\($0)" }, afterRelease: holder.isReleasing)
                    return (nil, answer)
                }
            }
            var writes: [Answer] = []
            var reads: [Answer] = []
            for try await (write, read) in group {
                if let write { writes.append(write) }
                if let read { reads.append(read) }
            }
            return (writes, reads)
        }
        let release = try await holder.release()

        #expect(release == .asked, "every request was answered while the lock was held; nothing waited for its release")
        #expect(reads.count == 200)
        #expect(reads.filter { $0.status != 200 }.map(\.status).isEmpty, "every read is answered 200")
        #expect(reads.filter(\.afterRelease).count == 0, "no read waited for the lock")
        #expect(writes.count == 4)
        for write in writes {
            #expect(write.status == 503)
            #expect(write.retryAfter == "1")
            #expect(write.contentType == "application/problem+json")
            #expect(write.problem["status"] == "503")
            #expect(write.problem["title"] == "Service Unavailable")
            #expect(write.problem["requestId"]?.isEmpty == false)
            #expect(write.problem["detail"]?.contains("database") == false, "nothing about SQLite reaches the client")
            #expect(!write.afterRelease, "a writer hears it should retry while the lock is still held")
        }

        // Once the lock is free, writing works again.
        let (after, _, _) = try await StratusServe.send(
            "POST", url.appendingPathComponent("orders"), token: token, body: Self.order)
        #expect(after == 201)
    }

    /// Sends `POST /orders` on a connection of its own (so it never shares one with the reads), to be closed after
    /// the answer.
    static func sendOrder(port: Int, token: String) throws -> RawTCPConnection {
        let connection = try RawTCPConnection(port: port)
        try connection.send(
            "POST /orders HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAuthorization: Bearer \(token)\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(Self.order.utf8.count)\r\nConnection: close\r\n\r\n"
                + Self.order)
        return connection
    }

    /// The answer on `connection`, read to its end.
    static func answer(to connection: RawTCPConnection, holder: WriteLockHolder) async throws -> Answer {
        let text = try await RawTCPConnection.offThePool { connection.readToEnd(timeout: .seconds(30)) }
        let afterRelease = holder.isReleasing
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts[0].components(separatedBy: "\r\n")
        let status = head.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        func header(_ name: String) -> String? {
            head.dropFirst().first { $0.lowercased().hasPrefix(name + ":") }.map {
                String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces)
            }
        }
        let problem =
            (try? JSONSerialization.jsonObject(with: Data(parts.dropFirst().joined(separator: "\r\n\r\n").utf8)))
            as? [String: Any] ?? [:]
        return Answer(
            status: status, retryAfter: header("retry-after"), contentType: header("content-type"),
            problem: problem.compactMapValues { "\($0)" }, afterRelease: afterRelease)
    }

    /// Every SQLite file `stratus serve` keeps is in WAL mode, where readers never wait for a writer: byte 18 of a
    /// database file's header, its read version, is 2 in WAL mode and 1 in rollback-journal mode.
    @Test(.timeLimit(.minutes(1))) func everyDatabaseServeKeepsIsInWALMode() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        let (server, url, _) = try await StratusServe.start(dataDirectory: data)
        defer { if server.isRunning { server.terminate() } }
        _ = try await StratusServe.send("GET", url.appendingPathComponent("health"), token: nil)
        for file in ["store.sqlite", "identity/directory.sqlite", "telemetry.sqlite"] {
            let header = try #require(FileManager.default.contents(atPath: "\(data)/\(file)"), "\(file) exists")
            #expect(header.count >= 100 && header[18] == 2 && header[19] == 2, "\(file) is in WAL mode")
        }
    }
}
