import Observability

/// A segment document as the telemetry store keeps it: the fields it is found by, and its JSON as it came. The
/// daemon reads only these fields of a datagram; the whole document is read when a trace is asked for.
struct ReceivedSegment: Sendable {
    let traceID: String
    let id: String
    let parentID: String?
    let startTime: Double
    let json: String

    init(traceID: String, id: String, parentID: String?, startTime: Double, json: String) {
        self.traceID = traceID
        self.id = id
        self.parentID = parentID
        self.startTime = startTime
        self.json = json
    }

    /// `document` as kept; `nil` without a trace id (an embedded subsegment is kept within its parent).
    init?(_ document: SegmentDocument) {
        guard let traceID = document.traceID else { return nil }
        self.init(
            traceID: traceID, id: document.id, parentID: document.parentID, startTime: document.startTime,
            json: String(decoding: document.jsonBytes, as: UTF8.self))
    }
}
