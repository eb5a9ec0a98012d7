import LambdaRuntime
import NIOCore
import NIOPosix
import Synchronization

/// Calls each in-process invocation's expiry at its deadline, from one timer that scans a table: arming and disarming
/// only touch the table, so an invocation that finishes in time wakes no other thread and schedules no timer of its
/// own. Deadlines fire up to ``scanInterval`` late, and the timer runs only while something is armed.
final class InvocationDeadlines: Sendable {
    /// The deadlines of every in-process function instance.
    static let shared = InvocationDeadlines()

    static let scanInterval = TimeAmount.milliseconds(10)

    private struct Entry {
        var deadline: NIODeadline
        var expire: @Sendable () -> Void
    }

    private struct Table {
        var entries: [ObjectIdentifier: Entry] = [:]
        var isScanning = false
    }

    private let table = Mutex(Table())
    private let eventLoop: any EventLoop = MultiThreadedEventLoopGroup(numberOfThreads: 1).next()

    /// Calls `expire` at `deadline` unless ``disarm(_:)`` comes first; `settlement` names the invocation.
    func arm(_ settlement: FirstCallerFlag, at deadline: NIODeadline, expire: @escaping @Sendable () -> Void) {
        let startScanning = self.table.withLock { table in
            table.entries[ObjectIdentifier(settlement)] = Entry(deadline: deadline, expire: expire)
            defer { table.isScanning = true }
            return !table.isScanning
        }
        if startScanning { self.scheduleScan() }
    }

    /// Forgets the invocation `settlement` names; harmless when it was never armed or has fired.
    func disarm(_ settlement: FirstCallerFlag) {
        _ = self.table.withLock { $0.entries.removeValue(forKey: ObjectIdentifier(settlement)) }
    }

    private func scheduleScan() {
        self.eventLoop.scheduleTask(in: Self.scanInterval) { self.scan() }
    }

    private func scan() {
        let now = NIODeadline.now()
        let (expired, keepScanning) = self.table.withLock { table in
            var expired: [@Sendable () -> Void] = []
            for (key, entry) in table.entries where entry.deadline <= now {
                expired.append(entry.expire)
                table.entries[key] = nil
            }
            table.isScanning = !table.entries.isEmpty
            return (expired, table.isScanning)
        }
        for expire in expired { expire() }
        if keepScanning { self.scheduleScan() }
    }
}
