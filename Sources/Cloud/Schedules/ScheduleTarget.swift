/// What a schedule invokes.
public enum ScheduleTarget: Sendable, Hashable {
    /// A function of the app, invoked asynchronously (as Scheduler's Lambda target does).
    case function(String)
    /// A queue of the app, which receives the payload as a message body.
    case queue(String)
}
