import LambdaRuntime
import NIOCore
import Synchronization

/// One runtime's connection to the Runtime API, served by a thread of its own that blocks in `recv`, as a runtime's
/// own loop does: each wake-up is one read, with no event loop between the kernel and the request.
///
/// The thread reads the requests as they arrive (``RuntimeAPIRequestReader``: a body bounded by Lambda's response
/// limit, though every byte is counted) and hands each to the emulator. Answers are written whole, each in one
/// `sendmsg`, in the order of the requests, by whichever thread has one: the event for a waiting `next` by the thread
/// that invoked. A request that is not valid HTTP/1.1 gets `400 Bad Request` and the connection is closed.
///
/// While the thread serves a request, the tasks the request resumes run on it before it answers, when they prefer
/// ``RuntimeAPITaskExecutor``: a caller invoking in a loop gets each result, and hands out its next event, with no
/// other thread woken.
final class RuntimeAPIConnection: Sendable {
    private static let continueMessage = ByteBuffer(string: "HTTP/1.1 100 Continue\r\n\r\n")
    /// The least room made in the buffer of received bytes before each read.
    private static let readSize = 16 * 1024
    /// The largest buffer of received bytes kept between requests: one grown by a large response is let go.
    private static let keptCapacity = 64 * 1024

    private let socket: BlockingSocket
    private let output = Mutex(Output())

    /// What has been written, under the lock that orders the writes.
    private struct Output {
        /// The number of the request whose answer goes out next.
        var nextAnswer = 0
        /// Answers that are ready before an earlier request's, by request number, and whether the connection closes
        /// after each.
        var waiting: [Int: (message: ByteBuffer, close: Bool)] = [:]
        var closed = false
    }

    /// A connection on `socket`, accepted by the listener.
    init(socket: BlockingSocket) {
        self.socket = socket
    }

    /// Reads and serves the connection's requests until the runtime closes it, it fails, or a request ends it; the
    /// calling thread is the connection's own.
    func serve(_ emulator: RuntimeAPIEmulator) {
        var reader = RuntimeAPIRequestReader()
        var received = ByteBuffer()
        var requests = 0
        let resumed = RuntimeAPITaskExecutor.ResumedJobs()
        while true {
            let count: Int
            do {
                count = try received.writeWithUnsafeMutableBytes(minimumWritableBytes: Self.readSize) { free in
                    try self.socket.read(into: free)
                }
            } catch {
                return self.close()
            }
            // The peer is done sending; an answer still owed (to a half-closed `next`) may yet be written.
            guard count > 0 else { return }
            do {
                while let event = try reader.next(from: &received) {
                    switch event {
                    case .continueExpected:
                        // curl (and so URLSession on Linux) waits for this before it sends a larger body.
                        self.writeInterim(Self.continueMessage, before: requests)
                    case .request(let request):
                        let reply = RuntimeAPIReply(connection: self, request: requests, keepAlive: request.keepAlive)
                        requests += 1
                        let answer = RuntimeAPITaskExecutor.shared.runResumedTasks(in: resumed) {
                            emulator.serve(request, reply: reply)
                        }
                        if let answer { reply.send(answer) }
                        // What follows a request that closes the connection is not read.
                        guard request.keepAlive else { return }
                    }
                }
            } catch {
                RuntimeAPIReply(connection: self, request: requests, keepAlive: false).send(.badRequest)
                return
            }
            if received.readableBytes == 0 {
                // The storage is kept for the next request unless a large body grew it; a body taken as a slice
                // keeps the old storage alive, and `clear()` then starts a new one.
                if received.capacity > Self.keptCapacity {
                    received = ByteBuffer()
                } else {
                    received.clear()
                }
            }
        }
    }

    /// Writes the answer to request number `request` once every earlier request has its answer written, then closes
    /// the connection when `close` says so (or the write failed).
    func write(_ message: ByteBuffer, answering request: Int, close: Bool) {
        self.output.withLock { output in
            guard !output.closed else { return }
            guard request == output.nextAnswer else {
                output.waiting[request] = (message, close)
                return
            }
            var next = (message: message, close: close)
            while true {
                output.nextAnswer += 1
                guard self.send(next.message), !next.close else {
                    output.closed = true
                    self.socket.interrupt()
                    return
                }
                guard let waiting = output.waiting.removeValue(forKey: output.nextAnswer) else { return }
                next = waiting
            }
        }
    }

    /// Closes the connection: a read blocked on it returns, and nothing more is written.
    func close() {
        self.output.withLock { output in
            output.closed = true
            self.socket.interrupt()
        }
    }

    /// Writes an interim answer (`100 Continue`) to request number `request`, when every earlier request has its
    /// answer; otherwise the client sends its body after its own wait.
    private func writeInterim(_ message: ByteBuffer, before request: Int) {
        self.output.withLock { output in
            guard !output.closed, output.nextAnswer == request else { return }
            if !self.send(message) {
                output.closed = true
                self.socket.interrupt()
            }
        }
    }

    /// Sends `message` whole; `false` when the connection failed.
    private func send(_ message: ByteBuffer) -> Bool {
        message.withUnsafeReadableBytes { bytes in
            (try? self.socket.write(bytes, UnsafeRawBufferPointer(start: nil, count: 0))) != nil
        }
    }
}
