import EventPatterns
import JSONCoding

extension EventBridgeOperations {
    /// The largest event `TestEventPattern` reads: 256 KiB, the most `PutEvents` takes.
    public static let maximumEventBytes = 262_144

    /// `TestEventPattern`: whether the event `Event` (JSON text) matches the pattern `EventPattern`, as
    /// `{"Result": true}`; a pattern EventBridge refuses is an `InvalidEventPatternException`. The event must be a JSON
    /// object; unlike EventBridge, the local cloud does not insist on its envelope's fields (`id`, `source`, `time`…).
    public static func testEventPattern() -> AWSOperation {
        AWSOperation("TestEventPattern") { request throws(AWSProtocolError) in
            let patternText = try request.input.requiredString("EventPattern")
            let eventText = try request.input.requiredString("Event")
            let invalidPattern = AWSErrorShape(type: "InvalidEventPatternException")
            guard eventText.utf8.count <= Self.maximumEventBytes,
                let event = JSONValue(parsing: Array(eventText.utf8)), case .object = event
            else {
                throw invalidPattern("Event is not a JSON object of at most \(Self.maximumEventBytes) bytes")
            }
            do throws(EventPatternError) {
                return ["Result": .bool(try EventPattern(parsing: patternText).matches(event))]
            } catch {
                throw invalidPattern("Event pattern is not valid. Reason: \(error.reason)")
            }
        }
    }
}
