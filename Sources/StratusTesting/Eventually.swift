/// Why ``eventually(timeout:interval:_:)`` gave up.
public struct EventuallyTimeout: Error, CustomStringConvertible {
    /// How long it waited.
    public let timeout: Duration

    public var description: String { "The awaited state was not reached within \(self.timeout)" }
}

/// Asks `probe` every `interval` until it returns a value, and returns that value; throws ``EventuallyTimeout``
/// when `timeout` passes first. For what another process or task brings about in its own time: the timeout is a
/// generous bound for a busy machine, not a measurement.
public func eventually<Value>(
    timeout: Duration = .seconds(30),
    interval: Duration = .milliseconds(10),
    _ probe: () async throws -> Value?
) async throws -> Value {
    let deadline = ContinuousClock.now + timeout
    while true {
        if let value = try await probe() { return value }
        guard ContinuousClock.now < deadline else { throw EventuallyTimeout(timeout: timeout) }
        try await Task.sleep(for: interval)
    }
}

/// Waits until `condition` holds, asking it every `interval`; throws ``EventuallyTimeout`` when `timeout` passes
/// first.
public func eventually(
    timeout: Duration = .seconds(30),
    interval: Duration = .milliseconds(10),
    _ condition: () async throws -> Bool
) async throws {
    try await eventually(timeout: timeout, interval: interval) { try await condition() ? () : nil }
}
