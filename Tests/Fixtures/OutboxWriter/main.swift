// OutboxWriter DATA_FOLDER
//   opens the store DATA_FOLDER/store.sqlite, runs an outbox relay on it that publishes into
//   DATA_FOLDER/published.log (``AppendingPublisher``), and commits changes, each with its outbox event in the same
//   transaction, writing `committed <event id>` to stdout once the commit has returned, until it is killed: the crash
//   test kills it with SIGKILL at random moments, starts it again, and looks for every committed event in the log.
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

/// Commits numbered changes with their outbox events until the process is killed.
func commitChanges(to store: SQLiteItemStore) async throws {
    var number = 0
    while true {
        let event = try OutboxEvent(
            source: "stratus.fixture", detailType: "ChangeMade", time: SystemClock().nowISO8601,
            detail: ["number": number])
        try await store.transactWrite([
            .put(["PK": .string("CHANGE#\(event.id)"), "SK": "CHANGE", "number": .int(number)]),
            .put(event.item),
        ])
        emit("committed \(event.id)\n")
        number += 1
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 1, !arguments[0].hasPrefix("-") else {
    emit("usage: OutboxWriter DATA_FOLDER\n")
    exit(2)
}
let store = try SQLiteItemStore(path: "\(arguments[0])/store.sqlite")
let publisher = try AppendingPublisher(path: "\(arguments[0])/published.log")
let relay = OutboxRelay(store: store, publisher: publisher)
try await withThrowingDiscardingTaskGroup { group in
    group.addTask { await relay.run() }
    group.addTask { try await commitChanges(to: store) }
}
