// OutboxWriter DATA_FOLDER
//   opens the store DATA_FOLDER/store.sqlite, runs an outbox relay on it that publishes into
//   DATA_FOLDER/published.log (``AppendingPublisher``), and commits changes, each with its outbox event in the same
//   transaction, appending the event's ID to DATA_FOLDER/committed.log once the commit has returned, until it is
//   killed: the crash test kills it with SIGKILL at random moments, starts it again, and looks for every committed
//   event in the published log.
import Cloud
import LocalCloud

#if canImport(Glibc)
import Glibc
#endif

/// Commits numbered changes with their outbox events until the process is killed, noting each in `committed`.
func commitChanges(to store: SQLiteItemStore, notingIn committed: AppendOnlyFile) async throws {
    var number = 0
    while true {
        let event = try OutboxEvent(
            source: "stratus.fixture", detailType: "ChangeMade", time: SystemClock().nowISO8601,
            detail: ["number": number])
        try await store.transactWrite([
            .put(["PK": .string("CHANGE#\(event.id)"), "SK": "CHANGE", "number": .int(number)]),
            .put(event.item),
        ])
        try committed.append("\(event.id)\n")
        number += 1
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 1, !arguments[0].hasPrefix("-") else {
    var usage = "usage: OutboxWriter DATA_FOLDER\n"
    usage.withUTF8 { bytes in _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
    exit(2)
}
let folder = arguments[0]
let store = try SQLiteItemStore(path: "\(folder)/store.sqlite")
let committed = try AppendOnlyFile(path: "\(folder)/committed.log")
let relay = OutboxRelay(
    store: store, publisher: AppendingPublisher(log: try AppendOnlyFile(path: "\(folder)/published.log")))
try await withThrowingDiscardingTaskGroup { group in
    group.addTask { await relay.run() }
    group.addTask { try await commitChanges(to: store, notingIn: committed) }
}
