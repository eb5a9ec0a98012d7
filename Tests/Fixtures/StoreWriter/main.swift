// Writes numbered items into the SQLite store at the path it is given, writing each number to stdout once its put
// has returned, until it is killed: the durability test kills it with SIGKILL and looks for every number written.
import Cloud
import LocalCloud

#if canImport(Glibc)
import Glibc
#endif

/// Writes `text` to a file descriptor unbuffered, so what was written is what the reader sees.
func emit(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in _ = write(descriptor, bytes.baseAddress, bytes.count) }
}

guard CommandLine.arguments.count == 2 else {
    emit("usage: StoreWriter STORE_PATH\n", to: STDERR_FILENO)
    exit(2)
}
let store = try SQLiteItemStore(path: CommandLine.arguments[1])
var number = 0
while true {
    try await store.put(["PK": "DURABLE", "SK": .string(String(number)), "payload": .string(String(repeating: "x", count: 512))])
    emit("\(number)\n", to: STDOUT_FILENO)
    number += 1
}
