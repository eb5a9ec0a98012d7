// QueueWriter QUEUES_PATH COUNT
//   creates the queue `durable` in the local queues at QUEUES_PATH, sends COUNT numbered messages one after the
//   other, writing each number to stdout once its send has returned, and receives every third message so that some
//   are in flight. Then it starts more sends and kills itself with SIGKILL while they run: the durability test looks
//   for every number written, and for nothing half-written.
import Cloud
import LocalCloud

#if canImport(Glibc)
import Glibc
#endif

/// Writes `text` to standard output unbuffered, so what was written is what the reader sees.
func emit(_ text: String) {
    var text = text
    text.withUTF8 { bytes in _ = write(STDOUT_FILENO, bytes.baseAddress, bytes.count) }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 2, !arguments[0].hasPrefix("-"), let count = Int(arguments[1]), count > 0 else {
    emit("usage: QueueWriter QUEUES_PATH COUNT\n")
    exit(2)
}
let queues = try SQLiteMessageQueue(path: arguments[0])
try await queues.createQueue("durable")
for number in 0..<count {
    _ = try await queues.send(OutgoingMessage(body: String(number)), to: "durable")
    emit("\(number)\n")
    if number % 3 == 0 {
        _ = try await queues.receive(from: "durable", maxMessages: 1, waitTime: .zero, visibilityTimeout: .seconds(1))
    }
}
for number in count..<(count + 50) {
    Task { _ = try await queues.send(OutgoingMessage(body: "unacknowledged \(number)"), to: "durable") }
}
await Task.yield()
kill(getpid(), SIGKILL)
