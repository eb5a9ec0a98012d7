import Cloud
import LocalCloud

extension LocalDataDirectory {
    /// The local bus's file in the folder.
    var eventBusPath: String { self.file("bus.sqlite") }

    /// Creates the folder if needed and opens the local bus in it, without queues or functions to deliver to: what
    /// it accepts waits in the file for the `stratus serve` that delivers.
    func openEventBus() throws -> SQLiteEventBus {
        try self.createFolder(self.path)
        do {
            return try SQLiteEventBus(path: self.eventBusPath, clock: self.clock)
        } catch {
            throw CommandLineError("Cannot open \(self.eventBusPath): \(error)")
        }
    }
}
