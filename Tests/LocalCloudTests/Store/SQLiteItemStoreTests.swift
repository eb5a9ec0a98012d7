import Cloud
import Foundation
import LocalCloud
import StratusTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What the SQLite store adds to the contract: one file in WAL mode, durability, TTL purging on its own clock.
@Suite struct SQLiteItemStoreTests {
    @Test func itemsSurviveReopeningTheFileAndTheFileIsInWALMode() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("store.sqlite")
        do {
            let store = try SQLiteItemStore(path: path)
            try await store.put(["PK": "USER#1", "SK": "PROFILE", "name": "Ada"])
            #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        }
        let reopened = try SQLiteItemStore(path: path)
        #expect(try await reopened.get(ItemKey(partition: "USER#1", sort: "PROFILE"))?["name"] == "Ada")
    }

    @Test func expiredItemsDisappearAtTheirTimeAndArePurged() async throws {
        let directory = try TemporaryDirectory()
        let clock = ManualClock(nowMilliseconds: 1_000_000)
        let store = try SQLiteItemStore(path: directory.path("store.sqlite"), clock: clock)
        let key = ItemKey(partition: "IDEMPOTENCY#f#k", sort: "RECORD")
        try await store.put(Item(key.attributes.merging(["expiresAt": .int(1_010)]) { $1 }))
        clock.advance(by: .seconds(9))
        #expect(try await store.get(key) != nil)
        #expect(try await store.purgeExpiredItems() == 0)
        clock.advance(by: .seconds(1))
        #expect(try await store.get(key) == nil)
        #expect(try await store.purgeExpiredItems() == 1)
        #expect(try await store.purgeExpiredItems() == 0)
    }

    /// Point reads have connections of their own: they see a write the moment it returns, also one made through
    /// another store on the same file, and many threads reading and writing at once each see their own last write.
    @Test func pointReadsSeeEveryReturnedWriteFromAnyWriterAndThread() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("store.sqlite")
        let reader = try SQLiteItemStore(path: path)
        let writer = try SQLiteItemStore(path: path)
        let key = ItemKey(partition: "USER#1", sort: "PROFILE")
        #expect(try await reader.get(key) == nil)
        for version in 1...20 {
            try await writer.put(Item(key.attributes.merging(["version": .int(version)]) { $1 }))
            #expect(try await reader.get(key)?["version"] == .int(version))
        }
        try await writer.delete(key)
        #expect(try await reader.get(key) == nil)

        try await withThrowingTaskGroup { group in
            for worker in 0..<8 {
                group.addTask {
                    let key = ItemKey(partition: "WORKER#\(worker)", sort: "STATE")
                    for step in 0..<50 {
                        try await reader.put(Item(key.attributes.merging(["step": .int(step)]) { $1 }))
                        guard try await reader.get(key)?["step"] == .int(step) else {
                            throw ItemStoreError.unavailable("worker \(worker) lost step \(step)")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// A row whose body is not an encoded item is reported, not decoded into something else or crashed on.
    @Test func aCorruptStoredItemIsAClearError() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("store.sqlite")
        let store = try SQLiteItemStore(path: path)
        try await store.put(["PK": "ORDER#1", "SK": "ORDER", "total": 100])
        let corrupt = Process()
        corrupt.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        corrupt.arguments = [
            "-c",
            """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("UPDATE items SET body = x'00ff00ff' WHERE pk = 'ORDER#1'")
            db.commit()
            """, path,
        ]
        try corrupt.run()
        corrupt.waitUntilExit()
        #expect(corrupt.terminationStatus == 0)
        await #expect(throws: ItemStoreError.unavailable("a stored item is corrupt")) {
            try await store.get(ItemKey(partition: "ORDER#1", sort: "ORDER"))
        }
    }

    @Test func aFileThatIsNotADatabaseIsAClearError() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("store.sqlite")
        try Data("this is not SQLite".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try SQLiteItemStore(path: path)
        } throws: { error in
            guard case .unavailable(let message) = error as? ItemStoreError else { return false }
            return message.contains(path)
        }
    }

    /// Kills a writer with SIGKILL in the middle of its writes: every write it reported done is in the file.
    @Test(.timeLimit(.minutes(1))) func everyReturnedWriteSurvivesKillMinus9() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("store.sqlite")
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: TestEnvironment.storeWriter)
        writer.arguments = [path]
        let output = Pipe()
        writer.standardOutput = output
        try writer.run()
        // Read on a thread of its own: a blocking read must not hold one of the few cooperative threads.
        let printed = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var printed = ""
                while printed.split(separator: "\n").count < 300 {
                    let chunk = output.fileHandleForReading.nextChunk()
                    guard !chunk.isEmpty else { break }
                    printed += String(decoding: chunk, as: UTF8.self)
                }
                kill(writer.processIdentifier, SIGKILL)
                writer.waitUntilExit()
                printed += String(decoding: output.fileHandleForReading.readUntilEnd(), as: UTF8.self)
                continuation.resume(returning: printed)
            }
        }
        #expect(writer.terminationReason == .uncaughtSignal)
        // Only whole lines were acknowledged; a number cut off by the kill was not.
        let acknowledged = printed.split(separator: "\n", omittingEmptySubsequences: true).dropLast(
            printed.hasSuffix("\n") ? 0 : 1)
        #expect(acknowledged.count >= 300)
        let store = try SQLiteItemStore(path: path)
        var missing: [Substring] = []
        for number in acknowledged where try await store.get(ItemKey(partition: "DURABLE", sort: String(number))) == nil
        {
            missing.append(number)
        }
        #expect(missing.isEmpty, "acknowledged writes lost: \(missing.prefix(10))")
    }
}
