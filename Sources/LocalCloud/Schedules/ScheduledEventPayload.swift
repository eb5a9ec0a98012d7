public import Cloud
import Identifiers
import JSONCoding
import LambdaEvents

/// What a schedule's target receives.
///
/// A schedule with an input sends that input unchanged, as Scheduler does. One without an input sends the
/// `Scheduled Event` envelope of EventBridge schedule rules (source `aws.events`, detail-type `Scheduled Event`,
/// an empty `detail`, the schedule's ARN in `resources`, `time` the scheduled time), which handlers written for
/// `ScheduledEvent` expect and which an app's `.schedule(...)` deploys as on AWS. Scheduler itself has no such
/// envelope: a templated target without an input gets no event of its own.
public enum ScheduledEventPayload {
    /// The payload of `schedule`'s run scheduled at `scheduledMilliseconds`, in `region` of the local account.
    public static func bytes(for schedule: Schedule, scheduledAt scheduledMilliseconds: Int64, region: String)
        throws -> [UInt8]
    {
        let encoder = StreamingJSONEncoder()
        if let input = schedule.input { return try encoder.encode(input) }
        let time = LocalDateTime(secondsSinceEpoch: LocalDateTime.floorDivide(scheduledMilliseconds, 1000))
        let event = ScheduledEvent(
            id: RandomUUID.make(), detailType: "Scheduled Event", source: "aws.events", account: LocalAccount.id,
            time: "\(time)Z", region: region,
            resources: ["arn:aws:scheduler:\(region):\(LocalAccount.id):schedule/default/\(schedule.name)"],
            detail: ScheduledEventDetail())
        return try encoder.encode(event)
    }
}
