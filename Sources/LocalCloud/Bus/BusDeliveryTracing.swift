import Observability
import Tracing

/// Traces the bus's deliveries as X-Ray shows EventBridge handing an event to a target: for a delivery whose trace
/// header is sampled, a segment named after the bus (`origin` `AWS::Events`, annotated with the rule and the
/// target) under the span that put the event (the header's `Parent`), holding the call to the target: an `SQS`
/// `SendMessage` subsegment for a queue, a `Lambda` `Invoke` one for a function. The target receives a header
/// whose `Parent` is that call, as a queue message's `AWSTraceHeader` or the function's trace. Deliveries of
/// unsampled or untraced events keep their header and cost nothing.
struct BusDeliveryTracing: Sendable {
    let tracer: XRayTracer

    /// Opens the attempt to deliver `delivery`.
    func begin(_ delivery: PendingDelivery) -> HandoffTrace {
        guard let bus = self.tracer.segment(delivery.bus, continuing: delivery.traceHeader) else {
            return .untraced(delivery.traceHeader)
        }
        bus.updateDocument { $0.origin = "AWS::Events" }
        bus.annotate("rule", .string(delivery.rule))
        bus.annotate("target", .string(delivery.target.id))
        bus.annotate("event_id", .string(delivery.eventID))
        let call: XRaySpan
        switch delivery.target.destination {
        case .queue(let name):
            call = self.tracer.startSpan("SQS", context: bus.context, ofKind: .client)
            call.attributes["aws.operation"] = "SendMessage"
            call.attributes["aws.queue_name"] = name
        case .function(let name):
            call = self.tracer.startSpan("Lambda", context: bus.context, ofKind: .client)
            call.attributes["aws.operation"] = "Invoke"
            call.attributes["aws.function_name"] = name
        }
        return .recorded([call, bus])
    }
}
