import Cloud
import EventPatterns
import JSONCoding

extension EventBridgeOperations {
    /// The largest event `TestEventPattern` reads: the most `PutEvents` takes.
    public static let maximumEventBytes = EventBusLimits.requestSize

    /// The fields `TestEventPattern` insists an event has, as EventBridge's reference lists them (`resources` aside:
    /// EventBridge answers events without it).
    static let requiredEventFields = ["id", "account", "source", "time", "region", "detail-type"]

    /// `TestEventPattern`: whether the event `Event` (JSON text) matches the pattern `EventPattern`, as
    /// `{"Result": true}`. An event that is not a JSON object with EventBridge's envelope fields is a
    /// `ValidationException`, a pattern EventBridge refuses an `InvalidEventPatternException`.
    public static func testEventPattern() -> AWSOperation {
        AWSOperation("TestEventPattern") { request throws(AWSProtocolError) in
            let patternText = try request.input.requiredString("EventPattern")
            let eventText = try request.input.requiredString("Event")
            guard eventText.utf8.count <= Self.maximumEventBytes,
                let event = JSONValue(parsing: Array(eventText.utf8)), let fields = event.objectValue,
                Self.requiredEventFields.allSatisfy({ fields[$0] != nil })
            else {
                throw AWSErrorShape(type: "ValidationException")("Parameter Event is not valid.")
            }
            do throws(EventPatternError) {
                return ["Result": .bool(try EventPattern(parsing: patternText).matches(event))]
            } catch {
                throw AWSErrorShape(type: "InvalidEventPatternException")(
                    "Event pattern is not valid. Reason: \(error.reason)")
            }
        }
    }
}
