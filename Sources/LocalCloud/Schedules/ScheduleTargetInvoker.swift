public import Cloud

/// Hands a schedule's payload to its target: the local cloud implements it with its function invoker and queues.
public protocol ScheduleTargetInvoker: Sendable {
    /// Delivers `payload` (JSON) to `target` for the schedule named `schedule`, returning once the target accepted
    /// it: an asynchronous invocation or a message sent, not the function's run.
    func deliver(_ payload: [UInt8], to target: ScheduleTarget, schedule: String) async throws
}
