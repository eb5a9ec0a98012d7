/// The outbox relay's way onto the local bus: each outbox event is put onto the app's bus with the envelope, id and
/// trace header its change wrote (``SQLiteEventBus/putEnvelopes(_:bus:)``).
public struct BusOutboxPublisher: OutboxPublisher {
    private let bus: SQLiteEventBus
    private let busName: String

    /// A publisher onto the bus `busName` of `bus`.
    public init(bus: SQLiteEventBus, busName: String) {
        self.bus = bus
        self.busName = busName
    }

    /// Puts the events onto the bus; an envelope the bus cannot read fails on its own.
    public func publish(_ events: [OutboxRecord]) async throws -> [OutboxPublishOutcome] {
        let accepted = try await self.bus.putEnvelopes(
            events.map { (text: $0.envelope, traceHeader: $0.traceHeader) }, bus: self.busName)
        return accepted.map { $0 ? .accepted : .failed(reason: "the bus cannot read the event's envelope") }
    }
}
