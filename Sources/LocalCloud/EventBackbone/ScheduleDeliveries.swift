public import Cloud
import NIOCore

/// Where the local scheduler's runs go: a function target is invoked with the run's payload, a queue target gets it
/// as a message. A run whose function fails or whose queue refuses the message throws, and the scheduler logs it.
public struct ScheduleDeliveries: ScheduleTargetInvoker {
    private let functions: FunctionInstanceInvoker
    private let queues: any MessageQueue

    /// Deliveries to the functions `functions` runs and the queues of `queues`.
    public init(functions: FunctionInstanceInvoker, queues: any MessageQueue) {
        self.functions = functions
        self.queues = queues
    }

    /// Invokes the function or sends the message.
    public func deliver(_ payload: [UInt8], to target: ScheduleTarget, schedule: String) async throws {
        switch target {
        case .function(let name):
            let result = await self.functions.invoke(name, with: InvocationRequest(event: ByteBuffer(bytes: payload)))
            if let error = result.error { throw ScheduleDeliveryError(schedule: schedule, reason: error.errorMessage) }
        case .queue(let name):
            _ = try await self.queues.send(OutgoingMessage(body: String(decoding: payload, as: UTF8.self)), to: name)
        }
    }
}

/// A scheduled run's function failed.
struct ScheduleDeliveryError: Error, CustomStringConvertible {
    let schedule: String
    let reason: String

    var description: String { "The run of schedule \(self.schedule) failed: \(self.reason)" }
}
