public import Cloud
public import Observability

/// The outbox relay's way onto the local bus: each outbox event is put onto the app's bus with the envelope and id
/// its change wrote (``SQLiteEventBus/putEnvelopes(_:bus:)``), in the trace of that change (``OutboxPublishTracing``).
public struct BusOutboxPublisher: OutboxPublisher {
    private let bus: SQLiteEventBus
    private let busName: String
    private let tracing: OutboxPublishTracing

    /// A publisher onto the bus `busName` of `bus`, tracing with `tracer`.
    public init(bus: SQLiteEventBus, busName: String, tracer: XRayTracer = .disabled) {
        self.bus = bus
        self.busName = busName
        self.tracing = OutboxPublishTracing(tracer: tracer)
    }

    /// Puts the events onto the bus; an envelope the bus cannot read fails on its own.
    public func publish(_ events: [OutboxRecord]) async throws -> [OutboxPublishOutcome] {
        let traces = events.map { self.tracing.begin($0, bus: self.busName) }
        let accepted: [Bool]
        do {
            accepted = try await self.bus.putEnvelopes(
                zip(events, traces).map { (text: $0.envelope, traceHeader: $1.traceHeader) }, bus: self.busName)
        } catch {
            for trace in traces { trace.end(failure: error) }
            throw error
        }
        return zip(accepted, traces).map { isAccepted, trace in
            guard isAccepted else {
                let reason = "the bus cannot read the event's envelope"
                trace.end(failure: EventBusError(.validation, reason))
                return .failed(reason: reason)
            }
            trace.end(failure: nil)
            return .accepted
        }
    }
}
