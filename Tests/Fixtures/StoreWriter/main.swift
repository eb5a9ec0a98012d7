// Two ways to use a SQLite store from another process:
//   StoreWriter STORE_PATH
//     writes numbered items, writing each number to stdout once its put has returned, until it is killed: the
//     durability test kills it with SIGKILL and looks for every number written;
//   StoreWriter --hold-write-lock SECONDS STORE_PATH
//     takes the store's write lock (`BEGIN IMMEDIATE`) and prints `locked`, holds it until a line or the end of
//     standard input arrives or SECONDS pass, then prints `releasing: asked` or `releasing: timed out` just before it
//     commits, and `released` after.
import Cloud
import GRDBSQLite
import LocalCloud

#if canImport(Glibc)
import Glibc
#endif

/// Writes `text` to a file descriptor unbuffered, so what was written is what the reader sees.
func emit(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in _ = write(descriptor, bytes.baseAddress, bytes.count) }
}

func fail(_ message: String) -> Never {
    emit(message + "\n", to: STDERR_FILENO)
    exit(2)
}

/// Holds the write lock of the store at `path` for at most `seconds`, or until standard input says to let go.
func holdWriteLock(path: String, seconds: Int32) {
    var database: OpaquePointer?
    guard sqlite3_open_v2(path, &database, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK,
        sqlite3_busy_timeout(database, 10_000) == SQLITE_OK,
        sqlite3_exec(database, "BEGIN IMMEDIATE", nil, nil, nil) == SQLITE_OK
    else { fail("cannot take the write lock of \(path): \(String(cString: sqlite3_errmsg(database)))") }
    emit("locked\n", to: STDOUT_FILENO)
    var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    let asked = poll(&input, 1, seconds * 1000) > 0
    emit(asked ? "releasing: asked\n" : "releasing: timed out\n", to: STDOUT_FILENO)
    guard sqlite3_exec(database, "COMMIT", nil, nil, nil) == SQLITE_OK else {
        fail("cannot release the write lock: \(String(cString: sqlite3_errmsg(database)))")
    }
    sqlite3_close_v2(database)
    emit("released\n", to: STDOUT_FILENO)
}

/// Writes numbered items into the store at `path` until the process is killed.
func writeNumberedItems(path: String) async throws -> Never {
    let store = try SQLiteItemStore(path: path)
    var number = 0
    while true {
        try await store.put([
            "PK": "DURABLE", "SK": .string(String(number)), "payload": .string(String(repeating: "x", count: 512)),
        ])
        emit("\(number)\n", to: STDOUT_FILENO)
        number += 1
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.count == 3, arguments[0] == "--hold-write-lock" {
    guard let seconds = Int32(arguments[1]), seconds > 0 else {
        fail("SECONDS must be a whole number above 0, not \(arguments[1])")
    }
    holdWriteLock(path: arguments[2], seconds: seconds)
} else if arguments.count == 1, !arguments[0].hasPrefix("-") {
    try await writeNumberedItems(path: arguments[0])
} else {
    fail("usage: StoreWriter STORE_PATH | StoreWriter --hold-write-lock SECONDS STORE_PATH")
}
