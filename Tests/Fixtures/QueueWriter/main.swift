// QueueWriter QUEUES_PATH
//   creates the queue `durable` in the local queues at QUEUES_PATH, then sends numbered messages, writing each number
//   to stdout once its send has returned, and receives every third message so that some are in flight, until it is
//   killed: the durability test kills it with SIGKILL and looks for every number written.
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
guard arguments.count == 1, !arguments[0].hasPrefix("-") else {
    emit("usage: QueueWriter QUEUES_PATH\n")
    exit(2)
}
let queues = try SQLiteMessageQueue(path: arguments[0])
try await queues.createQueue("durable")
var number = 0
while true {
    _ = try await queues.send(OutgoingMessage(body: String(number)), to: "durable")
    emit("\(number)\n")
    if number % 3 == 0 {
        _ = try await queues.receive(from: "durable", maxMessages: 1, waitTime: .zero, visibilityTimeout: .seconds(1))
    }
    number += 1
}
