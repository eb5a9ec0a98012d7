import Cloud
import Observability
import Tracing

/// Traces the outbox relay's publishing in the trace of the change that raised each event: for an event whose
/// trace header is sampled, a segment `outbox-relay` under the span that wrote the event (the header's `Parent`),
/// holding the `EventBridge` `PutEvents` subsegment of its publishing. The event goes onto the bus with a header
/// whose `Parent` is that subsegment, so the bus's deliveries continue the trace under it. Events of unsampled or
/// untraced changes keep their header and cost nothing.
struct OutboxPublishTracing: Sendable {
    /// The name of the relay's segment, as a relay function on AWS would be named.
    static let segmentName = "outbox-relay"

    let tracer: XRayTracer

    /// Opens the publishing of `record` onto the bus `bus`.
    func begin(_ record: OutboxRecord, bus: String) -> HandoffTrace {
        guard let relay = self.tracer.segment(Self.segmentName, continuing: record.traceHeader) else {
            return .untraced(record.traceHeader)
        }
        relay.annotate("event_id", .string(record.eventId))
        relay.annotate("detail_type", .string(record.detailType))
        let put = self.tracer.startSpan("EventBridge", context: relay.context, ofKind: .client)
        put.attributes["aws.operation"] = "PutEvents"
        put.attributes["aws.event_bus_name"] = bus
        return .recorded([put, relay])
    }
}
