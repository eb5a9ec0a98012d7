import Dispatch
import GRDB
import StratusTesting
import Testing

@testable import LocalCloud

/// Writes queued behind a busy writing thread commit in one transaction, and each caller still sees what a
/// transaction of its own would give it.
@Suite(.timeLimit(.minutes(2))) struct GroupCommitsTests {
    /// A database with a table of words and a table of notes that must name a word (checked at commit), its writing
    /// thread held busy until ``release()``, so that the writes asked for meanwhile wait in one group.
    final class Fixture: Sendable {
        let directory: TemporaryDirectory
        let database: DatabasePool
        let writes: GroupCommits
        private let threads = SQLiteThreads(readers: 1)
        private let gate = DispatchSemaphore(value: 0)

        init() throws {
            self.directory = try TemporaryDirectory()
            self.database = try DatabasePool(path: self.directory.path("group.sqlite"))
            try self.database.write { db in
                try db.execute(
                    sql: """
                        CREATE TABLE words (word TEXT PRIMARY KEY);
                        CREATE TABLE notes (word TEXT REFERENCES words(word) DEFERRABLE INITIALLY DEFERRED);
                        """)
            }
            self.writes = GroupCommits(self.database, threads: self.threads)
            self.threads.writeInBackground { [gate] in gate.wait() }
        }

        /// Lets the writing thread go on to the queued writes.
        func release() {
            self.gate.signal()
        }

        /// Queues `body`, and returns once it waits in the queue (so the writes queue in the order they were asked
        /// for) with the task that awaits its outcome.
        func queue(_ body: @escaping @Sendable (Database) throws -> Void) async throws -> Task<Void, any Error> {
            let waiting = self.writes.waitingCount
            let task = Task { try await self.writes.write(body) }
            try await eventually(timeout: .seconds(5)) { self.writes.waitingCount == waiting + 1 }
            return task
        }

        static func insert(_ word: String) -> @Sendable (Database) throws -> Void {
            { db in try db.execute(sql: "INSERT INTO words (word) VALUES (?)", arguments: [word]) }
        }

        func words() throws -> [String] {
            try self.database.read { db in try String.fetchAll(db, sql: "SELECT word FROM words ORDER BY word") }
        }
    }

    struct Refused: Error, Equatable {}

    /// Ten writes asked for while the thread is busy become one transaction, and every caller returns with its
    /// write committed.
    @Test func writesQueuedWhileTheThreadIsBusyCommitInOneTransaction() async throws {
        let fixture = try Fixture()
        var tasks: [Task<Void, any Error>] = []
        for number in 0..<10 {
            tasks.append(try await fixture.queue(Fixture.insert("word\(number)")))
        }
        fixture.release()
        for task in tasks { try await task.value }

        #expect(try fixture.words().count == 10)
        #expect(fixture.writes.transactionCount == 1)
    }

    /// A write that throws is rolled back to its savepoint: its own row is gone, its caller gets its error, and the
    /// writes before and after it in the same transaction commit.
    @Test func aWriteThatThrowsIsUndoneAloneAndTheOthersCommit() async throws {
        let fixture = try Fixture()
        let first = try await fixture.queue(Fixture.insert("apple"))
        let refused = try await fixture.queue { db in
            try Fixture.insert("banana")(db)
            throw Refused()
        }
        let last = try await fixture.queue(Fixture.insert("cherry"))
        fixture.release()

        try await first.value
        await #expect(throws: Refused.self) { try await refused.value }
        try await last.value
        #expect(try fixture.words() == ["apple", "cherry"])
        #expect(fixture.writes.transactionCount == 1)
    }

    /// When SQLite ends the transaction itself (here a write rolls it back, then throws; a full disk does the same),
    /// the writes that were in it report failure, since nothing of theirs is left, the one that ended it its own
    /// error and the others SQLite's, and the writes after them commit in a new transaction.
    @Test func whenTheTransactionEndsEveryWriteInItFailsAndTheRestCommitInANewOne() async throws {
        let fixture = try Fixture()
        let lost = try await fixture.queue(Fixture.insert("apple"))
        let ending = try await fixture.queue { db in
            try db.execute(sql: "ROLLBACK")
            throw Refused()
        }
        let after = try await fixture.queue(Fixture.insert("cherry"))
        fixture.release()

        await #expect(throws: DatabaseError.self, "the lost write learns SQLite's reason, not another caller's error") {
            try await lost.value
        }
        await #expect(throws: Refused.self) { try await ending.value }
        try await after.value
        #expect(try fixture.words() == ["cherry"])
        #expect(fixture.writes.transactionCount == 2)
    }

    /// A commit that fails (a deferred constraint one write broke) fails every write of the group and leaves
    /// nothing of them.
    @Test func aCommitThatFailsFailsEveryWriteInTheGroup() async throws {
        let fixture = try Fixture()
        let first = try await fixture.queue(Fixture.insert("apple"))
        let orphan = try await fixture.queue { db in
            try db.execute(sql: "INSERT INTO notes (word) VALUES ('nothing')")
        }
        fixture.release()

        await #expect(throws: DatabaseError.self) { try await first.value }
        await #expect(throws: DatabaseError.self) { try await orphan.value }
        #expect(try fixture.words().isEmpty)
        let notes = try await fixture.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM notes") }
        #expect(notes == 0)
    }

    /// Eight callers writing at once, one write in seven refusing after its insert: every caller is answered once
    /// per write, and the table holds exactly the rows of the writes that returned.
    @Test func concurrentCallersEachSeeTheirOwnOutcome() async throws {
        let fixture = try Fixture()
        fixture.release()
        let outcomes = try await withThrowingTaskGroup(of: [(String, Bool)].self) { group in
            for caller in 0..<8 {
                group.addTask {
                    var outcomes: [(String, Bool)] = []
                    for number in 0..<50 {
                        let word = "w\(caller)-\(number)"
                        let refuses = (caller * 50 + number) % 7 == 0
                        do {
                            try await fixture.writes.write { db in
                                try Fixture.insert(word)(db)
                                if refuses { throw Refused() }
                            }
                            outcomes.append((word, true))
                        } catch is Refused {
                            outcomes.append((word, false))
                        }
                    }
                    return outcomes
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }

        #expect(outcomes.count == 400)
        let committed = outcomes.filter(\.1).map(\.0).sorted()
        #expect(committed.count == 400 - 58)
        #expect(try fixture.words() == committed)
    }

    /// A write asked for while the thread is idle is a group of its own: it does not wait for company, and when it
    /// throws its transaction is rolled back whole (it has no savepoint), leaving the next write a clean start.
    @Test func aWriteAloneCommitsAtOnceOrIsRolledBack() async throws {
        let fixture = try Fixture()
        fixture.release()
        try await fixture.writes.write(Fixture.insert("apple"))
        await #expect(throws: Refused.self) {
            try await fixture.writes.write { db in
                try Fixture.insert("banana")(db)
                throw Refused()
            }
        }
        try await fixture.writes.write(Fixture.insert("cherry"))

        #expect(try fixture.words() == ["apple", "cherry"])
        #expect(fixture.writes.transactionCount == 3)
    }
}
