import JSONCoding
import Synchronization

/// The message move tasks `StartMessageMoveTask` ran, kept per source queue for `ListMessageMoveTasks`: the local
/// queues move the messages at once, so every task is `COMPLETED` when it is listed. Only the endpoint's process keeps
/// them, and only the latest ``tasksKeptPerQueue`` of each queue, as many as SQS lists.
final class SQSMessageMoveTasks: Sendable {
    /// One finished task.
    struct Task: Sendable {
        let handle: String
        let sourceARN: String
        let destinationARN: String?
        let maximumPerSecond: Int?
        let moved: Int
        let startedMilliseconds: Int64

        /// The task as `ListMessageMoveTasks` answers it (no `TaskHandle`: SQS gives it only for a running task).
        var members: JSONValue {
            var members: [String: JSONValue] = [
                "Status": "COMPLETED", "SourceArn": .string(self.sourceARN),
                "ApproximateNumberOfMessagesMoved": .integer(Int64(self.moved)),
                "ApproximateNumberOfMessagesToMove": .integer(Int64(self.moved)),
                "StartedTimestamp": .integer(self.startedMilliseconds),
            ]
            members["DestinationArn"] = self.destinationARN.map(JSONValue.string)
            members["MaxNumberOfMessagesPerSecond"] = self.maximumPerSecond.map { .integer(Int64($0)) }
            return .object(members)
        }
    }

    /// How many tasks of one source queue are kept (SQS lists at most ten).
    static let tasksKeptPerQueue = 10

    private let tasks = Mutex<[String: [Task]]>([:])

    /// Records `task`, moved from the queue `source`.
    func record(_ task: Task, source: String) {
        self.tasks.withLock { tasks in
            tasks[source] = Array(([task] + (tasks[source] ?? [])).prefix(Self.tasksKeptPerQueue))
        }
    }

    /// The latest `limit` tasks of the queue `source`, the most recent first.
    func latest(_ limit: Int, source: String) -> [Task] {
        self.tasks.withLock { Array(($0[source] ?? []).prefix(limit)) }
    }
}
