import Foundation
import StratusTesting
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Another process holding a SQLite file's write lock (`StoreWriter --hold-write-lock`): it takes the lock when
/// started, and lets go when asked or when its time is up, saying which.
final class WriteLockHolder: Sendable {
    /// Why the holder let go of the lock.
    enum Release: String, Sendable {
        /// ``release()`` asked it to.
        case asked
        /// Its time was up before anyone asked.
        case timedOut = "timed out"
    }

    private let process: Process
    /// Our end of the holder's standard input: a socket, so that asking a holder that already ended is an error
    /// (`EPIPE`), not a `SIGPIPE` that ends the tests.
    private let input: Int32
    private let lines = Mutex<[String]>([])
    /// Left once the holder's output has been read to its end.
    private let outputRead = DispatchGroup()

    /// Starts the holder on the SQLite file at `path` and returns once it holds the write lock; it holds it for
    /// `seconds` at most.
    init(path: String, seconds: Int) async throws {
        self.process = Process()
        self.process.executableURL = URL(fileURLWithPath: TestEnvironment.storeWriter)
        self.process.arguments = ["--hold-write-lock", String(seconds), path]
        var sockets: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &sockets) == 0 else {
            throw WriteLockHolderError(description: "socketpair() failed: errno \(errno)")
        }
        self.input = sockets[0]
        let output = Pipe()
        self.process.standardInput = FileHandle(fileDescriptor: sockets[1], closeOnDealloc: false)
        self.process.standardOutput = output
        defer { close(sockets[1]) }  // the holder has its own copy
        try self.process.run()
        let (locked, lockedContinuation) = AsyncStream.makeStream(of: Bool.self)
        // Its lines are read on a thread of their own: a blocking read must not hold a cooperative thread.
        self.outputRead.enter()
        Thread.detachNewThread { [self] in
            var pending = ""
            while case let chunk = output.fileHandleForReading.nextChunk(), !chunk.isEmpty {
                pending += String(decoding: chunk, as: UTF8.self)
                while let end = pending.firstIndex(of: "\n") {
                    let line = String(pending[..<end])
                    pending.removeSubrange(...end)
                    self.lines.withLock { $0.append(line) }
                    if line == "locked" { lockedContinuation.yield(true) }
                }
            }
            lockedContinuation.finish()
            self.outputRead.leave()
        }
        var iterator = locked.makeAsyncIterator()
        guard await iterator.next() == true else {
            throw WriteLockHolderError(description: "the holder ended without taking the lock")
        }
    }

    /// Whether the holder has begun to let go of the lock (it says so just before it commits).
    var isReleasing: Bool {
        self.lines.withLock { $0.contains { $0.hasPrefix("releasing") } }
    }

    /// Asks the holder to let go, waits until it has ended, and answers why it let go.
    func release() async throws -> Release {
        _ = send(self.input, "release\n", 8, Int32(MSG_NOSIGNAL))
        close(self.input)
        let process = self.process
        await withCheckedContinuation { [outputRead] continuation in
            Thread.detachNewThread {
                process.waitUntilExit()
                outputRead.wait()
                continuation.resume()
            }
        }
        let lines = self.lines.withLock { $0 }
        guard process.terminationStatus == 0, lines.last == "released",
            let release = lines.first(where: { $0.hasPrefix("releasing: ") }).flatMap({
                Release(rawValue: String($0.dropFirst(11)))
            })
        else {
            throw WriteLockHolderError(description: "the holder ended with \(process.terminationStatus) after \(lines)")
        }
        return release
    }
}

struct WriteLockHolderError: Error, CustomStringConvertible {
    var description: String
}
